package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

public record EmbedRequest(StageContext context, ArtifactRef model, ArtifactRef imageShard) {}
