package ai.alignet.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/** Builds a model input batch (N, 3, S, S) from CHW [0, 1] images, normalised as the descriptor says. */
public final class NormalisedBatch {

    private NormalisedBatch() {}

    /** The images at {@code indices}, normalised (x − mean) / std per channel, created in {@code manager}. */
    public static NDArray of(NDManager manager, BackboneDescriptor d, List<float[]> images, int[] indices) {
        int s = d.imageSize();
        int plane = s * s;
        float[] mean = d.mean();
        float[] std = d.std();
        float[] flat = new float[indices.length * 3 * plane];
        for (int n = 0; n < indices.length; n++) {
            float[] img = images.get(indices[n]);
            if (img.length != 3 * plane) {
                throw new IllegalArgumentException("image " + indices[n] + " has " + img.length + " values but backbone '"
                        + d.name() + "' takes 3x" + s + "x" + s + " = " + 3 * plane + "; decode it with size " + s);
            }
            int base = n * 3 * plane;
            for (int ch = 0; ch < 3; ch++) {
                for (int p = 0; p < plane; p++) {
                    flat[base + ch * plane + p] = (img[ch * plane + p] - mean[ch]) / std[ch];
                }
            }
        }
        return manager.create(flat, new Shape(indices.length, 3, s, s));
    }
}
