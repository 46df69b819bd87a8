package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.function.IntConsumer;

/**
 * Finds each row's nearest centroid with a float32 matrix product ({@link CentroidProducts}: OpenBLAS's
 * sgemm on CPU, libtorch's GEMM on GPU), and says for which
 * rows that answer is <em>certainly</em> the one {@link KMeans}' exact double-precision code would give.
 * The rest — near-ties — are left for the exact code to decide, so k-means results stay bit-identical.
 *
 * <p>Per row x and centroid c it computes D(c) = ‖c‖² − 2 x·c in float32 (‖x − c‖² less the row's own
 * constant ‖x‖², which does not change the order), in blocks of rows (1024 with OpenBLAS, 4096 with
 * libtorch) × all centroids: the GEMM of the rows with the columns −2c, then the row of ‖c‖² added to
 * it. A centroid a is certain when every other centroid has D(c) − D(a) > 2B, with B a bound on
 * |D(c) − (exact(c) − ‖x‖²)| for every c: then every other centroid's exact distance is larger than
 * a's, so a is the exact code's unique minimum. The row's previous centroid is tried as a first;
 * failing that, the smallest D is, against the second smallest.
 *
 * <p><b>The bound.</b> u = 2⁻²⁴ (float32 unit roundoff), d = dim, N = ‖x‖² + ‖c‖², S = Σ|xᵢcᵢ| ≤ N/2;
 * x is float32 already, c is double. (a) Rounding c to float32: |x·c̃ − x·c| ≤ uS. (b) The GEMM's dot
 * product, summed in any order, with or without FMA, on any number of threads: |g − x·c̃| ≤ γ_d(1+u)S,
 * γ_d = du/(1 − du) (Higham, Accuracy and Stability of Numerical Algorithms, §3.1). (c) ‖c‖² summed in
 * double then rounded to float32: error ≤ 1.01u‖c‖². (d) D = fl(‖c‖²_f + g′), g′ the GEMM's x·(−2c̃):
 * −2c̃ is exact in float32, so (b) holds for g′ with 2S in place of S; the one float32 addition, done after the
 * product as a separate, correctly rounded operation (libtorch's broadcast add, or Java's float +: no
 * FMA can merge it into the GEMM), errs by ≤ u(‖c‖²_f + |g′|) ≤ 3uN. (e) The exact code is double precision itself: its sum of
 * d + 2 roundings errs by ≤ γ^double_{d+2} · ‖x − c‖² ≤ 0.01uN. In all, with the −2 doubling (a) and (b):
 * |D − (exact − ‖x‖²)| ≤ (γ_d(1+u) + 5.02u)N ≤ (1.1d + 5.1)uN for d ≤ 2²⁰ (du ≤ 1/16). We use
 * B = (2d + 8)·u·(‖x‖² + max_c ‖c‖²) + (2d + 8)·2⁻¹²⁶: the ≥ 1.5× slack covers the double rounding of
 * ‖x‖², max ‖c‖² and of the gap itself (~2⁻³³ relative), and the absolute term covers underflow
 * (≤ d·2⁻¹⁴⁹ or so).
 * Overflow is excluded by construction: the screen is used only when every coordinate of the rows and
 * starting centroids is below 10¹⁴ in size (later centroids are means of rows), so ‖x‖², ‖c‖² < 10³⁴
 * and no float32 value in it exceeds ~10³⁵.
 * The answer is exact whatever the engine, its thread count or BLAS kernel: only speed depends on them.
 * (It assumes true float32 products — OpenBLAS's sgemm, or libtorch's default float32 matmul precision,
 * "highest", not the bfloat16 / TF32 modes one can opt into.)
 */
final class NearestCentroidScreen implements AutoCloseable {

    /** Values below this keep every float32 value in the screen below ~10³⁵, far from overflow. */
    private static final float MAX_ABS_VALUE = 1e14f;

    private static final int MAX_DIM = 1 << 20;

    /** Rows per unit of parallel work when the rows' norms are computed. */
    private static final int NORM_ROWS = 4096;
    private static final double UNIT_ROUNDOFF = 0x1.0p-24;

    private final CentroidProducts products;
    private final double[] squaredNorms;
    private final int dim;
    /**
     * Each thread's block of D, kept for the fit: a fresh 1.6 MB array per pass cost ~0.65 ms in page faults.
     * Only the screening threads touch it, and only while {@link #screen} runs.
     */
    private final ThreadLocal<float[]> distances = ThreadLocal.withInitial(() -> new float[0]);

    private NearestCentroidScreen(CentroidProducts products, double[] squaredNorms, int dim) {
        this.products = products;
        this.squaredNorms = squaredNorms;
        this.dim = dim;
    }

    /**
     * Whether the bound above holds for these rows and starting centroids: at least 2 centroids,
     * dim ≤ 2²⁰, every value finite and below 10¹⁴ in size (later centroids are means of rows, or
     * a starting centroid kept by an empty cluster, so they stay within the same range).
     */
    static boolean applies(EmbeddingMatrix x, EmbeddingMatrix initialCentroids) {
        return initialCentroids.rows() >= 2 && x.dim() <= MAX_DIM && inRange(x.values()) && inRange(initialCentroids.values());
    }

    private static boolean inRange(float[] values) {
        for (float v : values) {
            if (!(Math.abs(v) < MAX_ABS_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Copies the rows to this product engine once ({@link CentroidProducts#open}; close the screen to free
     * them), the rows' norms computed on the runner's threads.
     */
    static NearestCentroidScreen of(EmbeddingMatrix x, CentroidProducts.Engine engine, ParallelRanges runner) {
        int dim = x.dim();
        double[] squaredNorms = new double[x.rows()];
        runner.forEachSlice(x.rows(), NORM_ROWS, (from, to) -> {
            for (int r = from; r < to; r++) {
                squaredNorms[r] = squaredNorm(x.values(), r * dim, dim);
            }
        });
        return new NearestCentroidScreen(CentroidProducts.open(x, engine, runner.threads()), squaredNorms, dim);
    }

    /** What computes the products ("openblas", "libtorch (cpu())", ...). */
    String products() {
        return products.description();
    }

    /**
     * Sets {@code nearest[r]} to row r's nearest centroid where the screen is certain of it, and to −1
     * where it is not (a near-tie within the bound); returns how many rows were left at −1. On entry
     * {@code nearest[r]} is a guess, checked first: the previous assignment makes the check cheap; any
     * other value only costs time. Block by block ({@link CentroidProducts#blockRows()} rows: the
     * products, then the selection), the blocks spread over the runner's threads where the engine takes
     * concurrent calls (OpenBLAS), one after another otherwise (libtorch, which has its own threads).
     */
    int screen(double[] centroids, int k, int[] nearest, ParallelRanges runner) {
        // −2c̃ (×−2 is exact in float32) and ‖c‖²_f: the engine's GEMM gives x·(−2c̃), one float32 addition
        // makes D, and Java only compares.
        float[] scaledCentroids = new float[k * dim];
        float[] squaredCentroidNorms = new float[k];
        double longestCentroid = 0;
        for (int c = 0; c < k; c++) {
            double norm = scaleCentroid(centroids, c * dim, dim, scaledCentroids);
            squaredCentroidNorms[c] = (float) norm;
            longestCentroid = Math.max(longestCentroid, norm);
        }
        products.centroids(scaledCentroids, squaredCentroidNorms);
        double longest = longestCentroid;
        int rowCount = squaredNorms.length;
        int blockRows = products.blockRows();
        int[] uncertain = new int[(rowCount + blockRows - 1) / blockRows];
        IntConsumer block = b -> {
            int first = b * blockRows;
            int rows = Math.min(blockRows, rowCount - first);
            float[] d = distances.get();
            if (d.length < rows * k) {
                d = new float[blockRows * k];
                distances.set(d);
            }
            products.distances(first, rows, d);
            uncertain[b] = select(d, first, rows, k, longest, nearest);
        };
        (products.concurrent() ? runner : ParallelRanges.INLINE).forEach(uncertain.length, block);
        int total = 0;
        for (int count : uncertain) {
            total += count;
        }
        return total;
    }

    /** Rows [first, first + rows) from their block of D; returns how many stay undecided. */
    private int select(float[] d, int first, int rows, int k, double longestCentroid, int[] nearest) {
        double slack = 2 * dim + 8.0;
        int uncertain = 0;
        for (int n = 0; n < rows; n++) {
            int row = first + n;
            double twiceTheBound = 2 * slack * (UNIT_ROUNDOFF * (squaredNorms[row] + longestCentroid) + Float.MIN_NORMAL);
            nearest[row] = nearest(d, n * k, k, nearest[row], twiceTheBound);
            if (nearest[row] < 0) {
                uncertain++;
            }
        }
        return uncertain;
    }

    /** Writes −2c̃ for one centroid into {@code scaled} at the same offset and returns ‖c‖² in double. */
    private static double scaleCentroid(double[] centroids, int offset, int dim, float[] scaled) {
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            double v = centroids[offset + d];
            norm += v * v;
            scaled[offset + d] = -2f * (float) v;
        }
        return norm;
    }

    /**
     * The centroid certainly nearest to one row, or −1, from its k values of D. First the guess (the
     * row's previous centroid, right for most rows once Lloyd settles) is checked in one branch-free
     * pass: no other centroid within {@code margin} (2B) of it means it is certain. Otherwise the two
     * smallest values decide. (libtorch's topK(2) and argMin + min over the block were measured and
     * took 12 and 4 ms per 20k × 100 pass, against ~1 ms for these loops: docs/benchmarks.md §5.)
     */
    private static int nearest(float[] distances, int offset, int k, int guess, double margin) {
        if (guess >= 0 && guess < k) {
            // Above guessed + margin even after both roundings (nextUp), so distance > threshold implies
            // distance − guessed > margin exactly.
            float threshold = Math.nextUp((float) (distances[offset + guess] + margin));
            int within = 0;
            for (int c = offset; c < offset + k; c++) {
                within += distances[c] <= threshold ? 1 : 0;
            }
            if (within == 1) {
                return guess;
            }
        }
        float smallest = Float.POSITIVE_INFINITY;
        float second = Float.POSITIVE_INFINITY;
        int best = 0;
        for (int c = 0; c < k; c++) {
            float distance = distances[offset + c];
            if (distance < second) {
                if (distance < smallest) {
                    second = smallest;
                    smallest = distance;
                    best = c;
                } else {
                    second = distance;
                }
            }
        }
        return (double) second - smallest > margin ? best : -1;
    }

    /** ‖row‖² in double; the order of the sum does not matter here (it only sizes the bound). */
    private static double squaredNorm(float[] values, int offset, int dim) {
        double s0 = 0;
        double s1 = 0;
        int d = 0;
        for (; d + 2 <= dim; d += 2) {
            double v0 = values[offset + d];
            double v1 = values[offset + d + 1];
            s0 += v0 * v0;
            s1 += v1 * v1;
        }
        if (d < dim) {
            double v = values[offset + d];
            s0 += v * v;
        }
        return s0 + s1;
    }

    /** Frees the engine's copy of the rows, and the calling thread's block of D (helpers' go with their threads). */
    @Override
    public void close() {
        distances.remove();
        products.close();
    }
}
