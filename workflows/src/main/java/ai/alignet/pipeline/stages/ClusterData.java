package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

/** Aligned corpus embeddings and their k-means cluster assignments. */
public record ClusterData(
        ArtifactRef alignedEmbeddings, ArtifactRef assignments, int iterations, double inertia, StageTiming timing) {}
