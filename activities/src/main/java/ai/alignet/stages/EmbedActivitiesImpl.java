package ai.alignet.stages;

import ai.alignet.formats.EmbeddingFile;
import ai.alignet.formats.ModelArchive;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.Embedder;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.stages.EmbedActivities;
import ai.alignet.pipeline.stages.EmbedData;
import ai.alignet.pipeline.stages.EmbedRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.runtime.PipelineMetrics;
import ai.alignet.storage.ArtifactStore;
import ai.djl.Model;
import java.util.List;

/** Embeds one image shard with one backbone. Each image of a run is embedded once per backbone. */
public final class EmbedActivitiesImpl implements EmbedActivities {

    static final int BATCH = 64;

    private final ArtifactStore store;
    private final StageCache cache;

    public EmbedActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public EmbedData embedShard(EmbedRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), EmbedData.class, started -> {
            EmbeddingMatrix embeddings = embed(store, request.model(), List.of(request.imageShard()));
            PipelineMetrics.imagesEmbedded("embed", embeddings.rows());
            ArtifactRef ref = store.put(request.context().prefix() + "embeddings.bin", EmbeddingFile.encode(embeddings));
            return new EmbedData(ref, embeddings.rows(), embeddings.dim(),
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    /** Embeds the images of the given shards, in order, with the stored model. */
    static EmbeddingMatrix embed(ArtifactStore store, ArtifactRef modelRef, List<ArtifactRef> shards) {
        byte[] archive = store.get(modelRef);
        BackboneDescriptor d = ModelArchive.card(archive, modelRef.key()).descriptor();
        List<float[]> images = ImageShards.decodeAll(store, shards, d.imageSize());
        try (Model model = ModelArchive.load(archive, modelRef.key()); Embedder embedder = new Embedder(model, d)) {
            return embedder.embed(images, BATCH);
        }
    }
}
