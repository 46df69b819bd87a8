package ai.alignet.ml.model;

import ai.alignet.ml.engine.InferenceMode;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.util.List;

/**
 * Embeds images with a backbone in inference mode. It borrows the model (the caller closes it) and
 * keeps every intermediate array in a per-batch sub-manager, so embedding a million images leaves the
 * model's manager as it found it.
 */
public final class Embedder implements AutoCloseable {

    private final Model model;
    private final BackboneDescriptor descriptor;
    private final NDManager scratch;

    public Embedder(Model model, BackboneDescriptor descriptor) {
        this.model = model;
        this.descriptor = descriptor;
        this.scratch = model.getNDManager().newSubManager();
    }

    /** One row per image, in input order. */
    public EmbeddingMatrix embed(List<ChwImage> images, int batchSize) {
        return embed(images.size(), batchSize, (manager, indices) -> NormalisedBatch.of(manager, descriptor, images, indices));
    }

    /**
     * As {@link #embed}, for inputs that are not 8-bit pixels: CHW floats in [0, 1] (PyTorch reference
     * inputs, exact pixels from {@link ImagePixels}).
     */
    public EmbeddingMatrix embedUnitFloats(List<float[]> chwImages, int batchSize) {
        return embed(chwImages.size(), batchSize,
                (manager, indices) -> NormalisedBatch.ofUnitFloats(manager, descriptor, chwImages, indices));
    }

    /** Makes the normalised input array of the images at {@code indices}, in {@code manager}. */
    private interface BatchInput {
        NDArray make(NDManager manager, int[] indices);
    }

    private EmbeddingMatrix embed(int count, int batchSize, BatchInput input) {
        InferenceMode.enterOnThisThread();
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        }
        float[] values = null;
        int dim = -1;
        for (int from = 0; from < count; from += batchSize) {
            int to = Math.min(count, from + batchSize);
            int[] indices = new int[to - from];
            for (int i = 0; i < indices.length; i++) {
                indices[i] = from + i;
            }
            try (NDManager batch = scratch.newSubManager()) {
                NDArray x = input.make(batch, indices);
                NDArray z = model.getBlock().forward(new ParameterStore(batch, false), new NDList(x), false)
                        .singletonOrThrow();
                float[] rows = z.toFloatArray();
                if (values == null) {
                    dim = (int) (z.getShape().size() / indices.length);
                    values = new float[count * dim];
                }
                System.arraycopy(rows, 0, values, from * dim, rows.length);
            }
        }
        if (values == null) {
            return EmbeddingMatrix.zeros(0, descriptor.embeddingDim());
        }
        return new EmbeddingMatrix(count, dim, values);
    }

    @Override
    public void close() {
        scratch.close();
    }
}
