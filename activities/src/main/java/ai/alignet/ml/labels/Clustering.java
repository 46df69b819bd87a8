package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * A k-means result: one centroid row per cluster, the cluster of each input row, the sum of squared
 * distances of rows to their centroids, and how many Lloyd iterations ran.
 */
public record Clustering(EmbeddingMatrix centroids, int[] assignments, double inertia, int iterations) {

    public Clustering {
        assignments = assignments.clone();
    }

    @Override
    public int[] assignments() {
        return assignments.clone();
    }
}
