package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.spec.ReleasedLabels;

/** @param imagesPerShard how many images each packed tar shard holds */
public record ReleasedLabelsRequest(StageContext context, ReleasedLabels released, int imagesPerShard) {}
