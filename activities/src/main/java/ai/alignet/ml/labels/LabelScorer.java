package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.data.RowDots;
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

    private LabelScorer() {}

    /** {@link #score(EmbeddingMatrix, int[][], int)} on as many threads as the machine has processors. */
    public static List<LabelledTriplet> score(EmbeddingMatrix aligned, int[][] triplets) {
        return score(aligned, triplets, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Scores each triplet [a, b, c] with dot products of the rows of {@code aligned}, each exactly
     * {@link EmbeddingMatrix#dot} (one pass over the three rows gives all three) — the teacher's
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
        RowDots dots = RowDots.fastest();
        float[] v = aligned.values();
        int dim = aligned.dim();
        double[] s = new double[6];
        int n = from;
        // Two triplets a pass: six rows streaming at once keep memory busier than three (docs/benchmarks.md §3).
        for (; n + 2 <= to; n += 2) {
            int[] t = triplets[n];
            int[] u = triplets[n + 1];
            dots.twoTripletDots(v, t, u, dim, s);
            labels[n] = label(t[0], t[1], t[2], s[0], s[1], s[2]);
            labels[n + 1] = label(u[0], u[1], u[2], s[3], s[4], s[5]);
        }
        if (n < to) {
            int[] t = triplets[n];
            dots.tripletDots(v, t[0], t[1], t[2], dim, s, 0);
            labels[n] = label(t[0], t[1], t[2], s[0], s[1], s[2]);
        }
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
}
