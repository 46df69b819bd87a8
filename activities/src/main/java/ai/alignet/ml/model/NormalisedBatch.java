package ai.alignet.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.function.Consumer;

/**
 * Builds a model input batch (N, 3, S, S) from decoded images, normalised (x − mean) / std per channel
 * as the descriptor says.
 *
 * <p>The values are written once, straight into the array's own memory: on the CPU an uninitialised
 * tensor whose data DJL exposes as a direct buffer; on a GPU a direct native-order buffer that PyTorch
 * wraps ({@code torch::from_blob}) and copies to the device. Filling a batch-sized {@code float[]} and
 * letting DJL copy it into a fresh (zeroed, GC-released) direct buffer cost more than the normalisation.
 */
public final class NormalisedBatch {

    private NormalisedBatch() {}

    /** The images at {@code indices}, normalised, created in {@code manager}. */
    public static NDArray of(NDManager manager, BackboneDescriptor d, List<ChwImage> images, int[] indices) {
        return of(manager, d, images, indices, !manager.getDevice().isGpu());
    }

    /** {@code inPlace}: write into the array's memory (CPU), else into a buffer it is made from (GPU's path). */
    static NDArray of(NDManager manager, BackboneDescriptor d, List<ChwImage> images, int[] indices, boolean inPlace) {
        for (int index : indices) {
            ChwImage img = images.get(index);
            if (img.size() != d.imageSize()) {
                throw wrongSize(d, index, img.pixels().length);
            }
        }
        int plane = d.imageSize() * d.imageSize();
        float[][] table = lookupTable(d);
        return filled(manager, shape(d, indices.length), inPlace, out -> {
            for (int n = 0; n < indices.length; n++) {
                byte[] px = images.get(indices[n]).pixels();
                int base = n * 3 * plane;
                for (int ch = 0; ch < 3; ch++) {
                    float[] lut = table[ch];
                    int from = ch * plane;
                    for (int p = 0; p < plane; p++) {
                        out.put(base + from + p, lut[px[from + p] & 0xff]);
                    }
                }
            }
        });
    }

    /**
     * As {@link #of}, for images that are not 8-bit pixels: CHW floats in [0, 1] (PyTorch reference
     * inputs, or exact pixels read by {@link ImagePixels}).
     */
    public static NDArray ofUnitFloats(NDManager manager, BackboneDescriptor d, List<float[]> images, int[] indices) {
        int plane = d.imageSize() * d.imageSize();
        for (int index : indices) {
            if (images.get(index).length != 3 * plane) {
                throw wrongSize(d, index, images.get(index).length);
            }
        }
        float[] mean = d.mean();
        float[] std = d.std();
        return filled(manager, shape(d, indices.length), !manager.getDevice().isGpu(), out -> {
            for (int n = 0; n < indices.length; n++) {
                float[] img = images.get(indices[n]);
                int base = n * 3 * plane;
                for (int ch = 0; ch < 3; ch++) {
                    for (int p = 0; p < plane; p++) {
                        out.put(base + ch * plane + p, (img[ch * plane + p] - mean[ch]) / std[ch]);
                    }
                }
            }
        });
    }

    /**
     * Per channel, the normalised value of each byte: {@code (v / 255f - mean) / std}, the very float
     * expression a [0, 1] input goes through, so a batch made from bytes is bit-identical to one made
     * from their floats.
     */
    static float[][] lookupTable(BackboneDescriptor d) {
        float[][] table = new float[3][256];
        for (int ch = 0; ch < 3; ch++) {
            for (int v = 0; v < 256; v++) {
                table[ch][v] = (v / 255f - d.mean()[ch]) / d.std()[ch];
            }
        }
        return table;
    }

    /** A float32 array of {@code shape} whose values {@code fill} writes (by absolute index) once. */
    private static NDArray filled(NDManager manager, Shape shape, boolean inPlace, Consumer<FloatBuffer> fill) {
        long bytes = 4L * shape.size();
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of shape " + shape + " is " + bytes
                    + " bytes of floats, over the 2 GiB one buffer can hold; use a smaller batch");
        }
        if (inPlace) {
            NDArray array = manager.create(shape, DataType.FLOAT32);
            // DJL's contract: a direct buffer from toByteBuffer(true) is the array's own memory (PyTorch:
            // the CPU tensor's data). Anything else would be a copy, and writing into it would be lost.
            ByteBuffer memory = array.toByteBuffer(true);
            if (memory.isDirect()) {
                fill.accept(memory.order(ByteOrder.nativeOrder()).asFloatBuffer());
                return array;
            }
            array.close();
        }
        // PyTorch reads the buffer as it lies: native byte order (DJL's engines already allocate so).
        ByteBuffer staging = manager.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
        fill.accept(staging.asFloatBuffer());
        return manager.create(staging, shape, DataType.FLOAT32);
    }

    private static Shape shape(BackboneDescriptor d, int images) {
        return new Shape(images, 3, d.imageSize(), d.imageSize());
    }

    private static IllegalArgumentException wrongSize(BackboneDescriptor d, int index, int values) {
        int s = d.imageSize();
        return new IllegalArgumentException("image " + index + " has " + values + " values but backbone '" + d.name()
                + "' takes 3x" + s + "x" + s + " = " + 3 * s * s + "; decode it with size " + s);
    }
}
