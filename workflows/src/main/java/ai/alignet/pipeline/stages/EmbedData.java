package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

/** One shard's embeddings: float32 rows in the shard's image order. */
public record EmbedData(ArtifactRef embeddings, int images, int dim, StageTiming timing) {}
