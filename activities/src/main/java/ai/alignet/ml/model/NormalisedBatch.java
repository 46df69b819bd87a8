package ai.alignet.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * Builds a model input batch (N, 3, S, S) from decoded images, normalised (x − mean) / std per channel
 * as the descriptor says.
 *
 * <p>The values are written once, straight into a direct native-order buffer that the PyTorch engine
 * wraps without copying ({@code torch::from_blob}; other engines copy it). A batch-sized {@code float[]}
 * would cost an allocation plus a second copy into native memory, about as long as the normalisation.
 */
public final class NormalisedBatch {

    private NormalisedBatch() {}

    /** The images at {@code indices}, normalised, created in {@code manager}. */
    public static NDArray of(NDManager manager, BackboneDescriptor d, List<ChwImage> images, int[] indices) {
        int plane = d.imageSize() * d.imageSize();
        float[][] table = lookupTable(d);
        ByteBuffer bytes = allocate(manager, indices.length, plane);
        FloatBuffer out = bytes.asFloatBuffer();
        for (int n = 0; n < indices.length; n++) {
            ChwImage img = images.get(indices[n]);
            if (img.size() != d.imageSize()) {
                throw wrongSize(d, indices[n], img.pixels().length);
            }
            byte[] px = img.pixels();
            int base = n * 3 * plane;
            for (int ch = 0; ch < 3; ch++) {
                float[] lut = table[ch];
                int from = ch * plane;
                for (int p = 0; p < plane; p++) {
                    out.put(base + from + p, lut[px[from + p] & 0xff]);
                }
            }
        }
        return manager.create(bytes, shape(d, indices.length), DataType.FLOAT32);
    }

    /**
     * As {@link #of}, for images that are not 8-bit pixels: CHW floats in [0, 1] (PyTorch reference
     * inputs, or exact pixels read by {@link ImagePixels}).
     */
    public static NDArray ofUnitFloats(NDManager manager, BackboneDescriptor d, List<float[]> images, int[] indices) {
        int plane = d.imageSize() * d.imageSize();
        float[] mean = d.mean();
        float[] std = d.std();
        ByteBuffer bytes = allocate(manager, indices.length, plane);
        FloatBuffer out = bytes.asFloatBuffer();
        for (int n = 0; n < indices.length; n++) {
            float[] img = images.get(indices[n]);
            if (img.length != 3 * plane) {
                throw wrongSize(d, indices[n], img.length);
            }
            int base = n * 3 * plane;
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < plane; p++) {
                    out.put(base + ch * plane + p, (img[ch * plane + p] - mean[ch]) / std[ch]);
                }
            }
        }
        return manager.create(bytes, shape(d, indices.length), DataType.FLOAT32);
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

    private static ByteBuffer allocate(NDManager manager, int images, int plane) {
        long bytes = 4L * 3 * plane * images;
        if (bytes > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a batch of " + images + " images of 3x" + plane + " floats is "
                    + bytes + " bytes, over the 2 GiB one buffer can hold; use a smaller batch");
        }
        // PyTorch reads the memory as it lies: native byte order (DJL's engines already allocate so).
        return manager.allocateDirect((int) bytes).order(ByteOrder.nativeOrder());
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
