package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with seeded k-means++ initialisation, in plain Java (squared Euclidean distance).
 *
 * <p>Results are those of exact double-precision distances ({@link #fitExactly}), bit for bit, but the
 * assignment step finds nearest centroids with a float32 matrix product ({@link NearestCentroidScreen})
 * and recomputes exactly only the rows whose float32 answer is not provably the exact one.
 */
public final class KMeans {

    /** The system property that pins the engine of the float32 products: auto (default), openblas or libtorch. */
    public static final String GEMM_PROPERTY = "alignet.kmeans.gemm";

    /** Rows per unit of parallel work in the inertia and the k-means++ distance passes. */
    private static final int ROW_RANGE = 2048;

    private KMeans() {}

    /**
     * A fit, with how often the float32 screen left a row's assignment to the exact code, and what computed
     * the screen's products ("openblas", "libtorch (gpu(0))", ...; "none" where every row took the exact path).
     */
    public record Fit(Clustering clustering, long screenedRows, long exactlyRecomputedRows, String products) {}

    /** {@link #fit(EmbeddingMatrix, int, int, long, int)} on one thread. */
    public static Clustering fit(EmbeddingMatrix x, int k, int maxIterations, long seed) {
        return fit(x, k, maxIterations, seed, 1);
    }

    /**
     * Runs Lloyd iterations until no assignment changes or {@code maxIterations} is reached. A cluster
     * that loses all its rows keeps its previous centroid, so the inertia never increases. {@code threads}
     * share the distance products (OpenBLAS on CPU, libtorch's intra-op threads on a GPU, see
     * {@link CentroidProducts}; {@code -Dalignet.kmeans.gemm} pins the engine), the selection, the update
     * and the k-means++ passes; it changes speed, never the result.
     */
    public static Clustering fit(EmbeddingMatrix x, int k, int maxIterations, long seed, int threads) {
        return fitCounted(x, k, maxIterations, seed, threads).clustering();
    }

    /** {@link #fit(EmbeddingMatrix, int, int, long, int)}, also counting screened and exactly recomputed rows. */
    public static Fit fitCounted(EmbeddingMatrix x, int k, int maxIterations, long seed, int threads) {
        validate(x, k, maxIterations);
        return fitFrom(x, initialCentroids(x, k, seed, threads), maxIterations, threads);
    }

    /** The k-means++ centres {@link #fit} starts from: k rows of {@code x}, drawn with this seed. */
    public static EmbeddingMatrix initialCentroids(EmbeddingMatrix x, int k, long seed) {
        return initialCentroids(x, k, seed, 1);
    }

    /** {@link #initialCentroids(EmbeddingMatrix, int, long)}, the distance passes on {@code threads} threads (same centres). */
    public static EmbeddingMatrix initialCentroids(EmbeddingMatrix x, int k, long seed, int threads) {
        validate(x, k, 0);
        try (ParallelRanges runner = ParallelRanges.open(threads, "k-means")) {
            return floats(initialise(x, k, new SplittableRandom(seed), runner), k, x.dim());
        }
    }

    /**
     * Lloyd iterations from the given centroids (k = their number), as {@link #fit} runs them after
     * its initialisation: {@code fitFrom(x, initialCentroids(x, k, seed), ...)} is {@code fit(x, k, ..., seed, ...)}.
     */
    public static Fit fitFrom(EmbeddingMatrix x, EmbeddingMatrix initial, int maxIterations, int threads) {
        return fitFrom(x, initial, maxIterations, threads, CentroidProducts.configured());
    }

    /** {@link #fitFrom(EmbeddingMatrix, EmbeddingMatrix, int, int)} with the products on this engine. */
    static Fit fitFrom(EmbeddingMatrix x, EmbeddingMatrix initial, int maxIterations, int threads,
            CentroidProducts.Engine engine) {
        if (initial.rows() < 1 || initial.dim() != x.dim()) {
            throw new IllegalArgumentException("initial centroids are " + initial.rows() + "x" + initial.dim() + " but the "
                    + "rows are " + x.dim() + " wide; pass at least one centroid of the rows' width");
        }
        if (maxIterations < 0) {
            throw new IllegalArgumentException("maxIterations must be >= 0, got " + maxIterations);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        int k = initial.rows();
        double[] centroids = new double[k * x.dim()];
        for (int n = 0; n < centroids.length; n++) {
            centroids[n] = initial.values()[n];
        }
        int[] assignments = new int[x.rows()];
        long screened = 0;
        long recomputed = 0;
        int iterations = 0;
        try (ParallelRanges runner = ParallelRanges.open(threads, "k-means")) {
            Optional<NearestCentroidScreen> opened = NearestCentroidScreen.open(x, initial, engine, runner);
            if (opened.isEmpty()) {
                // One cluster, non-finite or huge values: the float32 bound does not hold; all rows exactly.
                Clustering exact = lloydExactly(x, centroids, k, maxIterations);
                return new Fit(exact, 0, (long) x.rows() * (exact.iterations() + 1), "none");
            }
            try (NearestCentroidScreen screen = opened.get()) {
                recomputed += assign(x, centroids, k, screen, assignments, runner);
                screened += x.rows();
                ClusterSums sums = new ClusterSums(x, k, runner);
                int[] previous = null;
                while (iterations < maxIterations) {
                    sums.update(previous, assignments, centroids);
                    previous = assignments.clone();
                    recomputed += assign(x, centroids, k, screen, assignments, runner);
                    screened += x.rows();
                    iterations++;
                    if (Arrays.equals(previous, assignments)) {
                        break;
                    }
                }
                return new Fit(clustering(centroids, k, x.dim(), assignments, inertia(x, centroids, assignments, runner),
                        iterations), screened, recomputed, screen.products());
            }
        }
    }

    /**
     * The reference: every distance exact in double precision, the centroids from the same
     * {@link ClusterSums} as the screened fit. {@link #fit} must return exactly what this returns; tests
     * hold it to that.
     */
    static Clustering fitExactly(EmbeddingMatrix x, int k, int maxIterations, long seed) {
        validate(x, k, maxIterations);
        return lloydExactly(x, initialise(x, k, new SplittableRandom(seed), ParallelRanges.INLINE), k, maxIterations);
    }

    /** The exact path, always on the calling thread (it is the reference, and the fallback for odd data). */
    private static Clustering lloydExactly(EmbeddingMatrix x, double[] centroids, int k, int maxIterations) {
        int[] assignments = new int[x.rows()];
        Arrays.fill(assignments, -1);
        double inertia = assignExactly(x, centroids, k, assignments);
        int iterations = 0;
        ClusterSums sums = new ClusterSums(x, k, ParallelRanges.INLINE);
        int[] previous = null;
        while (iterations < maxIterations) {
            sums.update(previous, assignments, centroids);
            previous = assignments.clone();
            inertia = assignExactly(x, centroids, k, assignments);
            iterations++;
            if (Arrays.equals(previous, assignments)) {
                break;
            }
        }
        return clustering(centroids, k, x.dim(), assignments, inertia, iterations);
    }

    private static void validate(EmbeddingMatrix x, int k, int maxIterations) {
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
    }

    private static Clustering clustering(double[] centroids, int k, int dim, int[] assignments, double inertia,
            int iterations) {
        return new Clustering(floats(centroids, k, dim), assignments, inertia, iterations);
    }

    private static EmbeddingMatrix floats(double[] centroids, int k, int dim) {
        float[] values = new float[k * dim];
        for (int n = 0; n < values.length; n++) {
            values[n] = (float) centroids[n];
        }
        return new EmbeddingMatrix(k, dim, values);
    }

    /**
     * Nearest centroid per row, as {@link #assignExactly} picks it: from the float32 screen where it is
     * certain, otherwise by exact distances to the few centroids the screen could not rule out, on the
     * thread that screened the row (a separate pass over the near-ties ran on one thread, as waking the
     * helpers cost more than they do). Returns the rows recomputed exactly.
     */
    private static int assign(EmbeddingMatrix x, double[] centroids, int k, NearestCentroidScreen screen,
            int[] assignments, ParallelRanges runner) {
        return screen.screen(centroids, k, assignments, runner, (r, candidates, count) -> {
            // In index order with a strict comparison, as nearestExactly: ties go to the lowest index.
            int best = candidates[0];
            double bestDistance = squaredDistance(x, r, centroids, best);
            for (int i = 1; i < count; i++) {
                double distance = squaredDistance(x, r, centroids, candidates[i]);
                if (distance < bestDistance) {
                    bestDistance = distance;
                    best = candidates[i];
                }
            }
            return best;
        });
    }

    /**
     * The exact code sums each row's distance to the centroid it picks, in row order, with the centroids
     * of the last assignment: these are the same sums, so the same inertia, bit for bit. The rows'
     * distances are independent sums, computed on the runner's threads; only their total is one sum in
     * row order.
     */
    private static double inertia(EmbeddingMatrix x, double[] centroids, int[] assignments, ParallelRanges runner) {
        double[] distances = new double[x.rows()];
        runner.forEachSlice(x.rows(), ROW_RANGE, (from, to) -> assignedDistances(x, centroids, assignments, from, to,
                distances));
        double inertia = 0;
        for (double distance : distances) {
            inertia += distance;
        }
        return inertia;
    }

    /**
     * distances[r] = |x_r − its centroid|² for rows [from, to), four rows side by side (independent sums,
     * each in the order of {@link #squaredDistance}, which keeps the FPU busy).
     */
    private static void assignedDistances(EmbeddingMatrix x, double[] centroids, int[] assignments, int from, int to,
            double[] distances) {
        float[] v = x.values();
        int dim = x.dim();
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int o0 = r * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            int c0 = assignments[r] * dim;
            int c1 = assignments[r + 1] * dim;
            int c2 = assignments[r + 2] * dim;
            int c3 = assignments[r + 3] * dim;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int d = 0; d < dim; d++) {
                double d0 = v[o0 + d] - centroids[c0 + d];
                double d1 = v[o1 + d] - centroids[c1 + d];
                double d2 = v[o2 + d] - centroids[c2 + d];
                double d3 = v[o3 + d] - centroids[c3 + d];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            distances[r] = s0;
            distances[r + 1] = s1;
            distances[r + 2] = s2;
            distances[r + 3] = s3;
        }
        for (; r < to; r++) {
            distances[r] = squaredDistance(x, r, centroids, assignments[r]);
        }
    }

    /**
     * The exact nearest centroid of one row: the same distances, summed in the same order, and the same
     * comparisons as {@link #assignExactly}, four centroids side by side as there (~4× faster than one
     * at a time). The screened fit's near-ties no longer come here: they are decided among the few
     * centroids the screen could not rule out ({@link #assign}).
     */
    private static int nearestExactly(EmbeddingMatrix x, int r, double[] centroids, int k) {
        float[] v = x.values();
        int dim = x.dim();
        int row = r * dim;
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        int c = 0;
        for (; c + 4 <= k; c += 4) {
            int o0 = c * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int d = 0; d < dim; d++) {
                double xv = v[row + d];
                double d0 = xv - centroids[o0 + d];
                double d1 = xv - centroids[o1 + d];
                double d2 = xv - centroids[o2 + d];
                double d3 = xv - centroids[o3 + d];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            if (c == 0 || s0 < bestDistance) {
                bestDistance = s0;
                best = c;
            }
            if (s1 < bestDistance) {
                bestDistance = s1;
                best = c + 1;
            }
            if (s2 < bestDistance) {
                bestDistance = s2;
                best = c + 2;
            }
            if (s3 < bestDistance) {
                bestDistance = s3;
                best = c + 3;
            }
        }
        for (; c < k; c++) {
            double d = squaredDistance(x, r, centroids, c);
            if (c == 0 || d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    /** k-means++: the first centre uniformly, each next one with probability ∝ squared distance to the nearest centre. */
    private static double[] initialise(EmbeddingMatrix x, int k, SplittableRandom random, ParallelRanges runner) {
        int dim = x.dim();
        double[] centroids = new double[k * dim];
        copyRow(x, random.nextInt(x.rows()), centroids, 0);
        double[] nearest = new double[x.rows()];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        for (int c = 1; c < k; c++) {
            int newest = c - 1;
            // Each row's distance is its own sum: the ranges may run on any threads. The total below stays
            // one sum in row order.
            runner.forEachSlice(x.rows(), ROW_RANGE, (from, to) -> nearerOf(x, centroids, newest, nearest, from, to));
            double total = 0;
            for (int r = 0; r < x.rows(); r++) {
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

    /**
     * Nearest centroid per row (ties to the lowest cluster index), by {@link #nearestExactly}; returns
     * the inertia. There, distances to four centroids are summed side by side: four independent sums
     * keep the FPU busy where one sum waits on each addition, and each sum still adds the same terms in
     * the same order as {@link #squaredDistance}, so distances, ties and results are bit-identical
     * (~1.3–1.6× faster, see docs/benchmarks.md).
     */
    static double assignExactly(EmbeddingMatrix x, double[] centroids, int k, int[] assignments) {
        double inertia = 0;
        for (int r = 0; r < x.rows(); r++) {
            int best = nearestExactly(x, r, centroids, k);
            assignments[r] = best;
            // The same sum, in the same order, as the winning one inside nearestExactly.
            inertia += squaredDistance(x, r, centroids, best);
        }
        return inertia;
    }

    /**
     * nearest[r] = min(nearest[r], |x_r − centroid|²) for rows [from, to), four rows side by side (same
     * sums as squaredDistance).
     */
    private static void nearerOf(EmbeddingMatrix x, double[] centroids, int cluster, double[] nearest, int from, int to) {
        float[] v = x.values();
        int dim = x.dim();
        int oc = cluster * dim;
        int r = from;
        for (; r + 4 <= to; r += 4) {
            int o0 = r * dim;
            int o1 = o0 + dim;
            int o2 = o1 + dim;
            int o3 = o2 + dim;
            double s0 = 0;
            double s1 = 0;
            double s2 = 0;
            double s3 = 0;
            for (int d = 0; d < dim; d++) {
                double cv = centroids[oc + d];
                double d0 = v[o0 + d] - cv;
                double d1 = v[o1 + d] - cv;
                double d2 = v[o2 + d] - cv;
                double d3 = v[o3 + d] - cv;
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            nearest[r] = Math.min(nearest[r], s0);
            nearest[r + 1] = Math.min(nearest[r + 1], s1);
            nearest[r + 2] = Math.min(nearest[r + 2], s2);
            nearest[r + 3] = Math.min(nearest[r + 3], s3);
        }
        for (; r < to; r++) {
            nearest[r] = Math.min(nearest[r], squaredDistance(x, r, centroids, cluster));
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
