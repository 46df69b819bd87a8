package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns sampled triplets into AligNet labels with the teacher's embeddings (DESIGN.md §3): images
 * reordered so the odd one out is last, with logits [s01, s02, s12] where s12 is the smallest.
 *
 * <p>Scoring is bound by memory bandwidth (three random embedding rows per triplet), and that is the
 * machine's, not one core's: disjoint ranges of triplets are scored on several threads, each label
 * written at its triplet's index. A label depends only on its own triplet, so the result is the same,
 * bit for bit, whatever the thread count or the split.
 */
public final class LabelScorer {

    /**
     * Triplets per unit of work: threads take the next unscored range when they finish one, so a thread
     * the OS descheduled holds up at most one range (~10 ms at 768 dimensions), not a whole share.
     */
    static final int RANGE = 8192;

    /**
     * Whether the JVM turns {@link Math#fma} into one fused multiply-add instruction. Each sum adds
     * products of two floats, which are exact in double (48 significant bits), so fma(x, y, s) rounds
     * exactly once as s + x·y does: the labels are bit-identical either way, and one instruction per
     * product instead of two makes scoring faster. Without the intrinsic (CPUs without FMA) Math.fma is
     * a slow software routine, so the plain form is used.
     */
    static final boolean FMA = fmaIsIntrinsic();

    private LabelScorer() {}

    /** {@link #score(EmbeddingMatrix, int[][], int)} on as many threads as the machine has processors. */
    public static List<LabelledTriplet> score(EmbeddingMatrix aligned, int[][] triplets) {
        return score(aligned, triplets, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Scores each triplet [a, b, c] with dot products of the rows of {@code aligned} — the teacher's
     * calibrated embeddings ({@code TeacherTransform.applyCalibrated}), since labels are used as logits
     * with no further temperature. Labels come back in the order of {@code triplets}, identical for
     * every {@code parallelism} (threads, the calling one included; 1 scores on the calling thread).
     *
     * <p>Order: the most similar pair comes first, the remaining item last; within the pair, the item
     * more similar to the odd one comes first, so s01 ≥ s02 ≥ s12. Ties: the most similar pair is the
     * first maximum in the order (a,b), (a,c), (b,c), and equally similar pair members keep their
     * sampled order; then s12 ≤ s01 and s12 ≤ s02, strict whenever the similarities differ.
     */
    public static List<LabelledTriplet> score(EmbeddingMatrix aligned, int[][] triplets, int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, got " + parallelism
                    + "; use 1 to score on the calling thread");
        }
        validate(aligned, triplets, 0, triplets.length);
        LabelledTriplet[] labels = new LabelledTriplet[triplets.length];
        // Threads take ranges of RANGE triplets in turn until none is left; with one thread, or one range,
        // all run on the caller. Helper threads start with the first submitted range, so a call with
        // fewer ranges than threads starts only what it uses, and none outlives the call (their start-up,
        // ~0.1 ms each, is nothing against a scoring run of seconds).
        try (ParallelRanges runner = ParallelRanges.open(parallelism, "label-scorer")) {
            runner.forEachSlice(triplets.length, RANGE, (from, to) -> scoreValidRange(aligned, triplets, from, to, labels));
        }
        return new ArrayList<>(Arrays.asList(labels));
    }

    /**
     * Scores {@code triplets[from, to)} into {@code labels[from, to)} on the calling thread, leaving the
     * rest of {@code labels} alone: for callers that split or stream the work themselves. The labels
     * are those {@link #score(EmbeddingMatrix, int[][])} gives for the same triplets.
     */
    public static void score(EmbeddingMatrix aligned, int[][] triplets, int from, int to, LabelledTriplet[] labels) {
        if (from < 0 || from > to || to > triplets.length) {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") is not within the " + triplets.length
                    + " triplets; pass 0 <= from <= to <= triplets.length");
        }
        if (labels.length < to) {
            throw new IllegalArgumentException("labels array holds " + labels.length + " labels, the range ends at "
                    + to + "; pass an array at least as long as the range's end");
        }
        validate(aligned, triplets, from, to);
        scoreValidRange(aligned, triplets, from, to, labels);
    }

    private static void validate(EmbeddingMatrix aligned, int[][] triplets, int from, int to) {
        for (int n = from; n < to; n++) {
            int[] t = triplets[n];
            if (t.length != 3) {
                throw new IllegalArgumentException("triplet " + n + " has " + t.length + " items; each needs exactly 3");
            }
            for (int item : t) {
                if (item < 0 || item >= aligned.rows()) {
                    throw new IllegalArgumentException("triplet " + n + " refers to item " + item + " but the embeddings have "
                            + aligned.rows() + " rows; score with the embeddings the triplets were sampled for");
                }
            }
        }
    }

    private static void scoreValidRange(EmbeddingMatrix aligned, int[][] triplets, int from, int to,
            LabelledTriplet[] labels) {
        int n = from;
        for (; n + 2 <= to; n += 2) {
            scorePair(aligned, triplets[n], triplets[n + 1], labels, n);
        }
        if (n < to) {
            int[] t = triplets[n];
            labels[n] = scoreOne(aligned, t[0], t[1], t[2]);
        }
    }

    /**
     * Two triplets in one pass: six independent sums keep the floating-point units busy where three
     * would wait on each other's additions (0.19 → 0.35 of the memory-bandwidth bound, docs/benchmarks.md). Each sum still adds the
     * same products in the same order as {@link EmbeddingMatrix#dot}, so the labels are bit-identical.
     */
    private static void scorePair(EmbeddingMatrix e, int[] t, int[] u, LabelledTriplet[] labels, int at) {
        float[] v = e.values();
        int dim = e.dim();
        int ta = t[0] * dim;
        int tb = t[1] * dim;
        int tc = t[2] * dim;
        int ua = u[0] * dim;
        int ub = u[1] * dim;
        int uc = u[2] * dim;
        double tab = 0;
        double tac = 0;
        double tbc = 0;
        double uab = 0;
        double uac = 0;
        double ubc = 0;
        for (int d = 0; d < dim; d++) {
            double xa = v[ta + d];
            double xb = v[tb + d];
            double xc = v[tc + d];
            double ya = v[ua + d];
            double yb = v[ub + d];
            double yc = v[uc + d];
            tab = FMA ? Math.fma(xa, xb, tab) : tab + xa * xb;
            tac = FMA ? Math.fma(xa, xc, tac) : tac + xa * xc;
            tbc = FMA ? Math.fma(xb, xc, tbc) : tbc + xb * xc;
            uab = FMA ? Math.fma(ya, yb, uab) : uab + ya * yb;
            uac = FMA ? Math.fma(ya, yc, uac) : uac + ya * yc;
            ubc = FMA ? Math.fma(yb, yc, ubc) : ubc + yb * yc;
        }
        labels[at] = label(t[0], t[1], t[2], tab, tac, tbc);
        labels[at + 1] = label(u[0], u[1], u[2], uab, uac, ubc);
    }

    /**
     * The three pair similarities come from one pass over the three rows (each summed in the same order
     * as {@link EmbeddingMatrix#dot}, so the values are bit-identical) and are then reused: reading each
     * row once instead of six dot products' worth of rows made scoring ~2× faster (docs/benchmarks.md).
     */
    private static LabelledTriplet scoreOne(EmbeddingMatrix e, int a, int b, int c) {
        float[] v = e.values();
        int dim = e.dim();
        int oa = a * dim;
        int ob = b * dim;
        int oc = c * dim;
        double ab = 0;
        double ac = 0;
        double bc = 0;
        for (int d = 0; d < dim; d++) {
            double va = v[oa + d];
            double vb = v[ob + d];
            double vc = v[oc + d];
            ab = FMA ? Math.fma(va, vb, ab) : ab + va * vb;
            ac = FMA ? Math.fma(va, vc, ac) : ac + va * vc;
            bc = FMA ? Math.fma(vb, vc, bc) : bc + vb * vc;
        }
        return label(a, b, c, ab, ac, bc);
    }

    /** Most similar pair first, odd one last; within the pair, the item more similar to the odd one first. */
    private static LabelledTriplet label(int a, int b, int c, double ab, double ac, double bc) {
        if (ab >= ac && ab >= bc) {
            // pair (a, b), odd c: s01 = ab; a is first when it is at least as similar to c as b is.
            return bc > ac ? new LabelledTriplet(b, a, c, (float) ab, (float) bc, (float) ac)
                    : new LabelledTriplet(a, b, c, (float) ab, (float) ac, (float) bc);
        } else if (ac >= bc) {
            // pair (a, c), odd b
            return bc > ab ? new LabelledTriplet(c, a, b, (float) ac, (float) bc, (float) ab)
                    : new LabelledTriplet(a, c, b, (float) ac, (float) ab, (float) bc);
        } else {
            // pair (b, c), odd a
            return ac > ab ? new LabelledTriplet(c, b, a, (float) bc, (float) ac, (float) ab)
                    : new LabelledTriplet(b, c, a, (float) bc, (float) ab, (float) ac);
        }
    }

    private static boolean fmaIsIntrinsic() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }
}
