package ai.alignet.stages;

import ai.alignet.formats.ModelArchive;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.Embedder;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import ai.djl.Model;
import java.util.List;

/**
 * A model from the store, loaded once for as many embedding passes as a stage needs (evaluation
 * embeds the Levels images and the corpus with the same model).
 */
final class StoredModel implements AutoCloseable {

    static final int BATCH = 64;

    private final BackboneDescriptor descriptor;
    private final Model model;
    private final Embedder embedder;

    private StoredModel(BackboneDescriptor descriptor, Model model) {
        this.descriptor = descriptor;
        this.model = model;
        this.embedder = new Embedder(model, descriptor);
    }

    static StoredModel open(ArtifactStore store, ArtifactRef ref) {
        byte[] archive = store.get(ref);
        BackboneDescriptor d = ModelArchive.card(archive, ref.key()).descriptor();
        return new StoredModel(d, ModelArchive.load(archive, ref.key()));
    }

    /** The input size its images must be decoded at. */
    int imageSize() {
        return descriptor.imageSize();
    }

    /** Embeds CHW images decoded at {@link #imageSize()}, one row per image, in order. */
    EmbeddingMatrix embed(List<ChwImage> images) {
        return embedder.embed(images, BATCH);
    }

    @Override
    public void close() {
        embedder.close();
        model.close();
    }
}
