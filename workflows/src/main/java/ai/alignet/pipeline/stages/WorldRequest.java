package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.spec.WorldSpec;

public record WorldRequest(StageContext context, WorldSpec world, long seed) {}
