package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Lloyd's k-means with seeded k-means++ initialisation, in plain Java (squared Euclidean distance). */
public final class KMeans {

    private KMeans() {}

    /**
     * Runs Lloyd iterations until no assignment changes or {@code maxIterations} is reached. A cluster
     * that loses all its rows keeps its previous centroid, so the inertia never increases.
     */
    public static Clustering fit(EmbeddingMatrix x, int k, int maxIterations, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1, got " + k);
        }
        if (k > x.rows()) {
            throw new IllegalArgumentException("cannot make " + k + " clusters from " + x.rows()
                    + " rows; choose k <= " + x.rows() + " or embed more images");
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        int dim = x.dim();
        double[] centroids = initialise(x, k, new SplittableRandom(seed));
        int[] assignments = new int[x.rows()];
        Arrays.fill(assignments, -1);
        double inertia = assign(x, centroids, k, assignments);
        int iterations = 0;
        while (iterations < maxIterations) {
            update(x, k, assignments, centroids);
            int[] previous = assignments.clone();
            inertia = assign(x, centroids, k, assignments);
            iterations++;
            if (Arrays.equals(previous, assignments)) {
                break;
            }
        }
        float[] centroidValues = new float[k * dim];
        for (int n = 0; n < centroidValues.length; n++) {
            centroidValues[n] = (float) centroids[n];
        }
        return new Clustering(new EmbeddingMatrix(k, dim, centroidValues), assignments, inertia, iterations);
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest centre. */
    private static double[] initialise(EmbeddingMatrix x, int k, SplittableRandom random) {
        int dim = x.dim();
        double[] centroids = new double[k * dim];
        copyRow(x, random.nextInt(x.rows()), centroids, 0);
        double[] nearest = new double[x.rows()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            double total = 0;
            for (int r = 0; r < x.rows(); r++) {
                nearest[r] = Math.min(nearest[r], squaredDistance(x, r, centroids, c - 1));
                total += nearest[r];
            }
            int chosen;
            if (total == 0) {
                // All remaining rows coincide with a centre: any row is as good; take the first unused index.
                chosen = c % x.rows();
            } else {
                double target = random.nextDouble() * total;
                chosen = x.rows() - 1;
                double cumulative = 0;
                for (int r = 0; r < x.rows(); r++) {
                    cumulative += nearest[r];
                    if (cumulative > target) {
                        chosen = r;
                        break;
                    }
                }
            }
            copyRow(x, chosen, centroids, c);
        }
        return centroids;
    }

    /** Nearest centroid per row (ties to the lowest cluster index); returns the inertia. */
    private static double assign(EmbeddingMatrix x, double[] centroids, int k, int[] assignments) {
        double inertia = 0;
        for (int r = 0; r < x.rows(); r++) {
            int best = 0;
            double bestDistance = squaredDistance(x, r, centroids, 0);
            for (int c = 1; c < k; c++) {
                double d = squaredDistance(x, r, centroids, c);
                if (d < bestDistance) {
                    bestDistance = d;
                    best = c;
                }
            }
            assignments[r] = best;
            inertia += bestDistance;
        }
        return inertia;
    }

    private static void update(EmbeddingMatrix x, int k, int[] assignments, double[] centroids) {
        int dim = x.dim();
        double[] sums = new double[k * dim];
        int[] counts = new int[k];
        for (int r = 0; r < x.rows(); r++) {
            int c = assignments[r];
            counts[c]++;
            for (int d = 0; d < dim; d++) {
                sums[c * dim + d] += x.get(r, d);
            }
        }
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                continue;
            }
            for (int d = 0; d < dim; d++) {
                centroids[c * dim + d] = sums[c * dim + d] / counts[c];
            }
        }
    }

    private static double squaredDistance(EmbeddingMatrix x, int row, double[] centroids, int cluster) {
        int dim = x.dim();
        double sum = 0;
        for (int d = 0; d < dim; d++) {
            double diff = x.get(row, d) - centroids[cluster * dim + d];
            sum += diff * diff;
        }
        return sum;
    }

    private static void copyRow(EmbeddingMatrix x, int row, double[] centroids, int cluster) {
        for (int d = 0; d < x.dim(); d++) {
            centroids[cluster * x.dim() + d] = x.get(row, d);
        }
    }
}
