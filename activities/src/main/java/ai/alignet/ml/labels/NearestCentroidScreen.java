package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.IntConsumer;

/**
 * Finds each row's nearest centroid with a float32 matrix product ({@link CentroidProducts}: OpenBLAS's
 * sgemm on CPU, libtorch's GEMM on GPU), and says for which
 * rows that answer is <em>certainly</em> the one {@link KMeans}' exact double-precision code would give.
 * The rest — near-ties — are left for the exact code to decide, so k-means results stay bit-identical.
 *
 * <p>Per row x and centroid c it computes D(c) = [x, 1, ‖x‖²_f]·[−2c̃, ‖c‖²_f, 1], one float32 dot product
 * of length d + 2 (an approximation of the squared distance ‖x − c‖²: the GEMM of the rows, widened by
 * two columns, with the centroids, widened likewise), in equal blocks of rows (at most 1024 with OpenBLAS,
 * 4096 with libtorch) × all centroids. Per row the smallest and second smallest D decide: the smallest one's
 * centroid a is certain when the second smallest exceeds it by more than 2B, with B a bound on
 * |D(c) − exact(c)| for every c (exact(c) the exact code's double-precision squared distance): then every
 * other centroid's exact distance is larger than a's, so a is the exact code's unique minimum.
 * Otherwise (a near-tie) only the centroids whose D is within 2B of the smallest can be the exact code's
 * choice — any other c has exact(c) ≥ D(c) − B > D_min + B ≥ exact(argmin D) — so only those go to the
 * exact code, in index order (its ties go to the lowest index).
 *
 * <p><b>The bound.</b> u = 2⁻²⁴ (float32 unit roundoff), d = dim, N = ‖x‖² + ‖c‖², S = Σ|xᵢcᵢ| ≤ N/2;
 * x is float32 already, c is double. (a) The inputs: rounding c to float32 moves 2x·c by ≤ 2uS ≤ uN;
 * ‖c‖² and ‖x‖², summed in double and rounded once to float32, err by ≤ 1.01u each, ≤ 1.01uN together.
 * (b) The dot product of length d + 2, summed in any order, with or without FMA, on any number of
 * threads: |fl(a·b) − a·b| ≤ γ_{d+2}·|a|·|b| with γ_n = nu/(1 − nu) (Higham, Accuracy and Stability of
 * Numerical Algorithms, §3.1), and |a|·|b| = 2Σ|xᵢc̃ᵢ| + ‖c‖²_f + ‖x‖²_f ≤ (2 + 3u)N; for d ≤ 2²⁰,
 * γ_{d+2} ≤ 1.067(d + 2)u, so (b) ≤ 2.134(d + 2)uN. (c) The exact code is double precision itself: its
 * sum of d roundings errs by ≤ 0.01uN. In all |D − exact| ≤ (2.134d + 6.29)uN. We use
 * B = (2.25d + 8)·u·(‖x‖² + max_c ‖c‖²) + (2.25d + 8)·2⁻¹²⁶: the ≥ 1.05× slack covers the double
 * rounding of ‖x‖², max ‖c‖² and of the gap itself (~2⁻³³ relative), and the absolute term covers
 * underflow (≤ d·2⁻¹⁴⁹ or so).
 * Overflow is excluded by construction: the screen is used only when every coordinate of the rows and
 * starting centroids is below 10¹⁴ in size (later centroids are means of rows), so ‖x‖², ‖c‖² < 10³⁵
 * and no float32 value in it exceeds ~10³⁵.
 * The answer is exact whatever the engine, its thread count or BLAS kernel: only speed depends on them.
 * (It assumes true float32 products — OpenBLAS's sgemm, or libtorch's default float32 matmul precision,
 * "highest", not the bfloat16 / TF32 modes one can opt into.)
 *
 * <p><b>The selection</b> compares D's float32 bits as integers: for values ≥ +0 their order is the
 * floats' order. A D below zero (rounding, for a centroid within B of the row) is taken as +0 — never
 * smaller than it is, so a centroid is still certain only if every other D, then unclamped, exceeds the
 * smallest by 2B. Integers let the JIT vectorise the per-centroid loops (Java 17's C2 does not vectorise
 * float comparisons, and vectorises loops only over arrays indexed without an offset: hence one array
 * per centroid).
 */
final class NearestCentroidScreen implements AutoCloseable {

    /** Values below this keep every float32 value in the screen below ~10³⁵, far from overflow. */
    private static final float MAX_ABS_VALUE = 1e14f;
    /**
     * A row whose ‖x‖² (a sum of squares in double, never below any one square) is below this has every
     * |xᵢ| < 10¹⁴ ≤ MAX_ABS_VALUE.
     */
    private static final double MAX_SQUARED_NORM = 1e28;

    private static final int MAX_DIM = 1 << 20;

    private static final double UNIT_ROUNDOFF = 0x1.0p-24;
    /** Columns the rows and centroids gain: a row is [x, 1, ‖x‖²_f], a centroid [−2c̃, ‖c‖²_f, 1]. */
    static final int EXTRA_COLUMNS = 2;

    private final CentroidProducts products;
    private final double[] squaredNorms;
    private final int dim;
    /**
     * Each thread's block of D and its per-row results, kept for the fit: a fresh 1.6 MB array per pass
     * cost ~0.65 ms in page faults. Only the screening threads touch it, and only while {@link #screen} runs.
     */
    private final ThreadLocal<Block> blocks = new ThreadLocal<>();

    /**
     * One thread's work space for a block: D's bits, one array per centroid ({@code distances[c][n]} for
     * the block's row n), per row the smallest and second smallest D and the first centroid with the
     * smallest, and a near-tie's candidate centroids.
     */
    private record Block(int[][] distances, int[] smallest, int[] second, int[] nearest, int[] candidates) {
        static Block of(int k, int rows) {
            return new Block(new int[k][rows], new int[rows], new int[rows], new int[rows], new int[k]);
        }

        boolean fits(int k, int rows) {
            return distances.length == k && smallest.length >= rows;
        }
    }

    private NearestCentroidScreen(CentroidProducts products, double[] squaredNorms, int dim) {
        this.products = products;
        this.squaredNorms = squaredNorms;
        this.dim = dim;
    }

    /**
     * The screen for these rows, or none where the bound above does not hold for them and these starting
     * centroids: fewer than 2 centroids, dim over 2²⁰, or a value not finite or not below 10¹⁴ in size
     * (later centroids are means of rows, or a starting centroid kept by an empty cluster, so they stay
     * within the same range). The rows' norms, computed as the rows are copied to the engine, settle the
     * range for nearly every row: a row with ‖x‖² < 10²⁸ has every |xᵢ| < 10¹⁴ (no pass over the rows of its own).
     */
    static Optional<NearestCentroidScreen> open(EmbeddingMatrix x, EmbeddingMatrix initialCentroids,
            CentroidProducts.Engine engine, ParallelRanges runner) {
        if (initialCentroids.rows() < 2 || x.dim() > MAX_DIM || !inRange(initialCentroids.values(), 0,
                initialCentroids.values().length)) {
            return Optional.empty();
        }
        NearestCentroidScreen screen = of(x, engine, runner);
        for (int r = 0; r < x.rows(); r++) {
            if (!(screen.squaredNorms[r] < MAX_SQUARED_NORM) && !inRange(x.values(), r * x.dim(), (r + 1) * x.dim())) {
                // Rare enough (huge or non-finite values) that copying the rows first costs nothing worth saving.
                screen.close();
                return Optional.empty();
            }
        }
        return Optional.of(screen);
    }

    private static boolean inRange(float[] values, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!(Math.abs(values[i]) < MAX_ABS_VALUE)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The screen for rows known to be in its range ({@link #open} checks), copied to this product engine
     * once (close the screen to free them).
     */
    static NearestCentroidScreen of(EmbeddingMatrix x, CentroidProducts.Engine engine, ParallelRanges runner) {
        double[] squaredNorms = new double[x.rows()];
        return new NearestCentroidScreen(CentroidProducts.open(x, squaredNorms, engine, runner), squaredNorms, x.dim());
    }

    /** ‖x‖² of rows [from, to) into {@code squaredNorms}. */
    static void squaredNorms(EmbeddingMatrix x, int from, int to, double[] squaredNorms) {
        for (int r = from; r < to; r++) {
            squaredNorms[r] = squaredNorm(x.values(), r * x.dim(), x.dim());
        }
    }

    /** What computes the products ("openblas", "libtorch (cpu())", ...). */
    String products() {
        return products.description();
    }

    /** Decides a near-tie exactly: row's nearest centroid among {@code candidates[0, count)}, in ascending order. */
    @FunctionalInterface
    interface NearTies {
        int nearest(int row, int[] candidates, int count);
    }

    /**
     * Sets {@code nearest[r]} to row r's nearest centroid: the screen's where it is certain, else (a
     * near-tie within the bound) what {@code exact} picks among the candidates, called on the thread that
     * screened the row; returns how many rows went to {@code exact}. Block by block (equal blocks of at most
     * {@link CentroidProducts#blockRows()} rows, {@link #blockCount}: the products, the selection, then the
     * block's near-ties), the blocks spread over the runner's threads where the engine takes concurrent
     * calls (OpenBLAS), one after another otherwise (libtorch, which has its own threads).
     */
    int screen(double[] centroids, int k, int[] nearest, ParallelRanges runner, NearTies exact) {
        // [−2c̃, ‖c‖²_f, 1] per centroid (×−2 is exact in float32): the engine's one dot product per row
        // and centroid makes D, and Java only compares.
        int width = dim + EXTRA_COLUMNS;
        float[] widened = new float[k * width];
        double longestCentroid = 0;
        for (int c = 0; c < k; c++) {
            double norm = scaleCentroid(centroids, c * dim, dim, widened, c * width);
            widened[c * width + dim] = (float) norm;
            widened[c * width + dim + 1] = 1f;
            longestCentroid = Math.max(longestCentroid, norm);
        }
        products.centroids(widened);
        double longest = longestCentroid;
        int rowCount = squaredNorms.length;
        ParallelRanges blockRunner = products.concurrent() ? runner : ParallelRanges.INLINE;
        int blockCount = blockCount(rowCount, products.blockRows(), blockRunner.threads());
        int blockRows = (rowCount + blockCount - 1) / blockCount;
        int[] uncertain = new int[blockCount];
        IntConsumer block = b -> {
            // Sizes differ by at most one row, and none is empty.
            int first = (int) ((long) b * rowCount / blockCount);
            int rows = (int) ((long) (b + 1) * rowCount / blockCount) - first;
            Block work = blocks.get();
            if (work == null || !work.fits(k, blockRows)) {
                work = Block.of(k, blockRows);
                blocks.set(work);
            }
            products.distances(first, rows, work.distances());
            uncertain[b] = select(work, first, rows, k, longest, nearest, exact);
        };
        blockRunner.forEach(uncertain.length, block);
        int total = 0;
        for (int count : uncertain) {
            total += count;
        }
        return total;
    }

    /**
     * How many blocks of at most {@code maxRows} rows to cut the rows into: a multiple of the threads, so
     * that equal blocks give each thread the same work. (20k rows in 1024-row blocks were 19 full blocks
     * and one of 544: on two threads one thread did 10 blocks' work while the other did 9.5.)
     */
    static int blockCount(int rows, int maxRows, int threads) {
        int blocks = (rows + maxRows - 1) / maxRows;
        int rounded = (blocks + threads - 1) / threads * threads;
        // Never so many that a block would be empty.
        return Math.max(1, Math.min(rounded, rows));
    }

    /** Rows [first, first + rows) from their block of D, near-ties by {@code exact}; returns how many those were. */
    private int select(Block work, int first, int rows, int k, double longestCentroid, int[] nearest,
            NearTies exact) {
        int[] smallest = work.smallest();
        int[] second = work.second();
        int[] nearestInBlock = work.nearest();
        Arrays.fill(smallest, 0, rows, Integer.MAX_VALUE);
        Arrays.fill(second, 0, rows, Integer.MAX_VALUE);
        // nearestInBlock needs no reset: every D is below Integer.MAX_VALUE, so centroid 0 sets it for every row.
        for (int c = 0; c < k; c++) {
            smallestTwo(work.distances()[c], c, rows, smallest, second, nearestInBlock);
        }
        double slack = 2.25 * dim + 8.0;
        int uncertain = 0;
        for (int n = 0; n < rows; n++) {
            int row = first + n;
            double twiceTheBound = 2 * slack * (UNIT_ROUNDOFF * (squaredNorms[row] + longestCentroid) + Float.MIN_NORMAL);
            float least = Float.intBitsToFloat(smallest[n]);
            double gap = (double) Float.intBitsToFloat(second[n]) - least;
            if (gap > twiceTheBound) {
                nearest[row] = nearestInBlock[n];
            } else {
                int count = candidates(work, n, k, least, twiceTheBound);
                nearest[row] = exact.nearest(row, work.candidates(), count);
                uncertain++;
            }
        }
        return uncertain;
    }

    /**
     * The centroids whose D for the block's row n is within {@code twiceTheBound} of the smallest, into
     * the block's candidates in index order; returns how many (at least the two smallest). Negative D are
     * taken as +0, as in the selection: never smaller than they are, so none that can win is left out.
     */
    private static int candidates(Block work, int n, int k, float least, double twiceTheBound) {
        int[] candidates = work.candidates();
        int count = 0;
        for (int c = 0; c < k; c++) {
            int bits = work.distances()[c][n];
            if ((double) Float.intBitsToFloat(bits & ~(bits >> 31)) - least <= twiceTheBound) {
                candidates[count++] = c;
            }
        }
        return count;
    }

    /**
     * Folds centroid c's D into each row's smallest, second smallest and nearest centroid (the first with
     * the smallest D). Integers only, no branches and no offsets into the arrays, so the JIT vectorises
     * the loop (~4× faster than the branchy float loop over a row's k values it replaced). Every value is
     * the bits of a float ≥ +0 (negatives are cleared to +0 first) or Integer.MAX_VALUE, so no difference
     * overflows, and {@code (a − b) >> 31} is −1 exactly when a < b.
     */
    private static void smallestTwo(int[] distances, int c, int rows, int[] smallest, int[] second, int[] nearest) {
        for (int n = 0; n < rows; n++) {
            int bits = distances[n];
            int value = bits & ~(bits >> 31);
            int least = smallest[n];
            int below = value - least;
            int smaller = below >> 31;
            int shift = below & smaller;
            smallest[n] = least + shift;
            // The larger of value and the old smallest competes for second place.
            int larger = value - shift;
            int runnerUp = second[n];
            int above = larger - runnerUp;
            second[n] = runnerUp + (above & (above >> 31));
            int index = nearest[n];
            nearest[n] = index ^ ((index ^ c) & smaller);
        }
    }

    /** Writes −2c̃ for one centroid into {@code widened} at {@code to} and returns ‖c‖² in double. */
    private static double scaleCentroid(double[] centroids, int from, int dim, float[] widened, int to) {
        double norm = 0;
        for (int d = 0; d < dim; d++) {
            double v = centroids[from + d];
            norm += v * v;
            widened[to + d] = -2f * (float) v;
        }
        return norm;
    }

    /**
     * ‖row‖² in double; the order of the sum does not matter (it sizes the bound, and a row's third
     * extra column is it rounded once to float32).
     */
    static double squaredNorm(float[] values, int offset, int dim) {
        // Four sums side by side: one waited on each addition (d = 768: 20 ms for 20k rows, now ~7).
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int d = 0;
        for (; d + 4 <= dim; d += 4) {
            double v0 = values[offset + d];
            double v1 = values[offset + d + 1];
            double v2 = values[offset + d + 2];
            double v3 = values[offset + d + 3];
            s0 += v0 * v0;
            s1 += v1 * v1;
            s2 += v2 * v2;
            s3 += v3 * v3;
        }
        for (; d < dim; d++) {
            double v = values[offset + d];
            s0 += v * v;
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** Frees the engine's copy of the rows, and the calling thread's block of D (helpers' go with their threads). */
    @Override
    public void close() {
        blocks.remove();
        products.close();
    }
}
