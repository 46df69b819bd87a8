package ai.alignet.stages;

import ai.alignet.formats.EmbeddingFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.stages.EmbedActivities;
import ai.alignet.pipeline.stages.EmbedData;
import ai.alignet.pipeline.stages.EmbedRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.runtime.PipelineMetrics;
import ai.alignet.storage.ArtifactStore;

/** Embeds one image shard with one backbone. Each image of a run is embedded once per backbone. */
public final class EmbedActivitiesImpl implements EmbedActivities {

    private final ArtifactStore store;
    private final StageCache cache;

    public EmbedActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public EmbedData embedShard(EmbedRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), EmbedData.class, started -> {
            EmbeddingMatrix embeddings;
            try (StoredModel model = StoredModel.open(store, request.model())) {
                embeddings = model.embed(ImageShards.decode(store, request.imageShard(), model.imageSize()));
            }
            PipelineMetrics.imagesEmbedded("embed", embeddings.rows());
            ArtifactRef ref = store.put(request.context().prefix() + "embeddings.bin", EmbeddingFile.encode(embeddings));
            return new EmbedData(ref, embeddings.rows(), embeddings.dim(),
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }
}
