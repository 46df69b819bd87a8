package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

/** A stored model: a zip of its parameters and its descriptor (input size, normalisation, width). */
public record BackboneData(String name, ArtifactRef model, int embeddingDim, StageTiming timing) {}
