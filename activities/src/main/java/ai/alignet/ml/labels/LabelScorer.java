package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns sampled triplets into AligNet labels with the teacher's embeddings (DESIGN.md §3): images
 * reordered so the odd one out is last, with logits [s01, s02, s12] where s12 is the smallest.
 */
public final class LabelScorer {

    private LabelScorer() {}

    /**
     * Scores each triplet [a, b, c] with dot products of the rows of {@code aligned} — the teacher's
     * calibrated embeddings ({@code TeacherTransform.applyCalibrated}), since labels are used as logits
     * with no further temperature.
     *
     * <p>Order: the most similar pair comes first, the remaining item last; within the pair, the item
     * more similar to the odd one comes first, so s01 ≥ s02 ≥ s12. Ties: the most similar pair is the
     * first maximum in the order (a,b), (a,c), (b,c), and equally similar pair members keep their
     * sampled order; then s12 ≤ s01 and s12 ≤ s02, strict whenever the similarities differ.
     */
    public static List<LabelledTriplet> score(EmbeddingMatrix aligned, int[][] triplets) {
        for (int n = 0; n < triplets.length; n++) {
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
        List<LabelledTriplet> labels = new ArrayList<>(triplets.length);
        int n = 0;
        for (; n + 2 <= triplets.length; n += 2) {
            scorePair(aligned, triplets[n], triplets[n + 1], labels);
        }
        if (n < triplets.length) {
            int[] t = triplets[n];
            labels.add(scoreOne(aligned, t[0], t[1], t[2]));
        }
        return labels;
    }

    /**
     * Two triplets in one pass: six independent sums keep the floating-point units busy where three
     * would wait on each other's additions (0.19 → 0.35 of the memory-bandwidth bound, docs/benchmarks.md). Each sum still adds the
     * same products in the same order as {@link EmbeddingMatrix#dot}, so the labels are bit-identical.
     */
    private static void scorePair(EmbeddingMatrix e, int[] t, int[] u, List<LabelledTriplet> labels) {
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
            tab += xa * xb;
            tac += xa * xc;
            tbc += xb * xc;
            uab += ya * yb;
            uac += ya * yc;
            ubc += yb * yc;
        }
        labels.add(label(t[0], t[1], t[2], tab, tac, tbc));
        labels.add(label(u[0], u[1], u[2], uab, uac, ubc));
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
            ab += va * vb;
            ac += va * vc;
            bc += vb * vc;
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
}
