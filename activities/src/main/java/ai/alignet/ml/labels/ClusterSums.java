package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Arrays;

/**
 * Each cluster's sum of its rows, in double precision, kept from one Lloyd update to the next: the first
 * update sums every row in row order; a later one only moves the rows whose cluster changed (subtracted
 * from the old cluster's sum, added to the new one's, in row order) — once Lloyd settles a few percent of
 * the rows, where summing all of them again cost ~17 % of a fit (docs/benchmarks.md §5).
 *
 * <p>The arithmetic depends only on the sequence of assignments, never on the thread count: each thread
 * owns a slice of the dimensions and does every addition for it, in row order. So the exact reference and
 * the screened fit, which see the same assignments, get the same centroids bit for bit. A full recount
 * bounds the rounding that moves accumulate: whenever a third of the rows or more moved (a recount, which
 * reads the rows in order, is then no dearer than moving the scattered ones), and every
 * {@link #RECOUNT_INTERVAL} updates. A cluster left empty gets a sum of exactly zero.
 */
final class ClusterSums {

    /** Updates between full recounts, at most: a moved row's two roundings per update stay far below float32 output. */
    static final int RECOUNT_INTERVAL = 32;

    private final EmbeddingMatrix x;
    private final int k;
    private final int[] counts;
    /** Slice s holds dimensions [s·width, min(dim, (s+1)·width)) of every cluster, cluster-major. */
    private final double[][] slices;
    private final int width;
    private final ParallelRanges runner;
    private int updates;

    ClusterSums(EmbeddingMatrix x, int k, ParallelRanges runner) {
        this.x = x;
        this.k = k;
        this.runner = runner;
        this.counts = new int[k];
        // One array per thread's slice (one shared array had threads writing the same cache lines at the
        // slice edges: two threads were slower than one).
        this.width = (x.dim() + runner.threads() - 1) / runner.threads();
        int sliceCount = (x.dim() + width - 1) / width;
        this.slices = new double[sliceCount][];
        for (int s = 0; s < sliceCount; s++) {
            slices[s] = new double[k * sliceWidth(s)];
        }
    }

    /**
     * Brings the sums to {@code assignments} and writes each non-empty cluster's mean into {@code centroids}
     * (k × dim; an empty cluster's centroid is left as it was). {@code previous} is what the last call was
     * given, or null on the first call.
     */
    void update(int[] previous, int[] assignments, double[] centroids) {
        int[] moved = previous == null ? null : movedRows(previous, assignments);
        boolean recount = moved == null || 3L * moved.length >= assignments.length || updates % RECOUNT_INTERVAL == 0;
        updates++;
        if (recount) {
            Arrays.fill(counts, 0);
            for (int cluster : assignments) {
                counts[cluster]++;
            }
        } else {
            for (int r : moved) {
                counts[previous[r]]--;
                counts[assignments[r]]++;
            }
        }
        int dim = x.dim();
        float[] v = x.values();
        runner.forEach(slices.length, s -> {
            double[] sums = slices[s];
            int from = s * width;
            int length = sliceWidth(s);
            if (recount) {
                Arrays.fill(sums, 0);
                for (int r = 0; r < assignments.length; r++) {
                    addRow(v, r * dim + from, sums, assignments[r] * length, length);
                }
            } else {
                int m = 0;
                for (; m + 4 <= moved.length; m += 4) {
                    int r0 = moved[m];
                    int r1 = moved[m + 1];
                    int r2 = moved[m + 2];
                    int r3 = moved[m + 3];
                    moveFourRows(v, dim, from, sums, length, r0, r1, r2, r3, previous, assignments);
                }
                for (; m < moved.length; m++) {
                    int r = moved[m];
                    moveRow(v, r * dim + from, sums, previous[r] * length, assignments[r] * length, length);
                }
            }
            for (int c = 0; c < k; c++) {
                if (counts[c] == 0) {
                    // Exactly zero, not what rounding left behind, for rows that join it later.
                    Arrays.fill(sums, c * length, (c + 1) * length, 0);
                    continue;
                }
                for (int d = 0; d < length; d++) {
                    centroids[c * dim + from + d] = sums[c * length + d] / counts[c];
                }
            }
        });
    }

    private int sliceWidth(int slice) {
        return Math.min(x.dim(), (slice + 1) * width) - slice * width;
    }

    private static int[] movedRows(int[] previous, int[] assignments) {
        int count = 0;
        for (int r = 0; r < assignments.length; r++) {
            count += previous[r] != assignments[r] ? 1 : 0;
        }
        int[] moved = new int[count];
        int n = 0;
        for (int r = 0; r < assignments.length && n < count; r++) {
            if (previous[r] != assignments[r]) {
                moved[n++] = r;
            }
        }
        return moved;
    }

    /**
     * sums[to + d] += row[d]; a small method of its own so the JIT compiles it after a few hundred rows
     * instead of waiting for the whole update loop (called only once per iteration) to get hot (~2× faster
     * update in a 10-iteration fit).
     */
    private static void addRow(float[] values, int from, double[] sums, int to, int length) {
        for (int d = 0; d < length; d++) {
            sums[to + d] += values[from + d];
        }
    }

    /**
     * {@link #moveRow} for rows r0 < r1 < r2 < r3, side by side: the moved rows lie scattered through the
     * matrix, and one row at a time waited on memory for each (~0.35 µs a row); four at once let their
     * reads overlap. Per value the rows still come in row order, so the sums are the same.
     */
    private static void moveFourRows(float[] v, int dim, int from, double[] sums, int length, int r0, int r1, int r2,
            int r3, int[] previous, int[] assignments) {
        int o0 = r0 * dim + from;
        int o1 = r1 * dim + from;
        int o2 = r2 * dim + from;
        int o3 = r3 * dim + from;
        int l0 = previous[r0] * length;
        int l1 = previous[r1] * length;
        int l2 = previous[r2] * length;
        int l3 = previous[r3] * length;
        int j0 = assignments[r0] * length;
        int j1 = assignments[r1] * length;
        int j2 = assignments[r2] * length;
        int j3 = assignments[r3] * length;
        for (int d = 0; d < length; d++) {
            double v0 = v[o0 + d];
            double v1 = v[o1 + d];
            double v2 = v[o2 + d];
            double v3 = v[o3 + d];
            sums[l0 + d] -= v0;
            sums[j0 + d] += v0;
            sums[l1 + d] -= v1;
            sums[j1 + d] += v1;
            sums[l2 + d] -= v2;
            sums[j2 + d] += v2;
            sums[l3 + d] -= v3;
            sums[j3 + d] += v3;
        }
    }

    /** sums[left + d] −= row[d] and sums[joined + d] += row[d], each value read and widened once. */
    private static void moveRow(float[] values, int from, double[] sums, int left, int joined, int length) {
        for (int d = 0; d < length; d++) {
            double value = values[from + d];
            sums[left + d] -= value;
            sums[joined + d] += value;
        }
    }
}
