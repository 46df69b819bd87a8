package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

/**
 * Released labels ready for distillation: label shards whose image ids index {@code imageShards}'
 * images in order (shard by shard), how many triplets and distinct images they hold.
 */
public record ReleasedLabelsData(
        List<ArtifactRef> labelShards, List<ArtifactRef> imageShards, int triplets, int images, StageTiming timing) {}
