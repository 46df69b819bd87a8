package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

/** Teacher-scored triplets: training shards and one validation shard. */
public record LabelData(
        List<ArtifactRef> trainShards, ArtifactRef validation, int trainTriplets, int validationTriplets, StageTiming timing) {}
