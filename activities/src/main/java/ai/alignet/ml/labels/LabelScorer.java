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
        List<LabelledTriplet> labels = new ArrayList<>(triplets.length);
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
            labels.add(scoreOne(aligned, t[0], t[1], t[2]));
        }
        return labels;
    }

    private static LabelledTriplet scoreOne(EmbeddingMatrix e, int a, int b, int c) {
        double ab = e.dot(a, b);
        double ac = e.dot(a, c);
        double bc = e.dot(b, c);
        int x;
        int y;
        int odd;
        if (ab >= ac && ab >= bc) {
            x = a;
            y = b;
            odd = c;
        } else if (ac >= bc) {
            x = a;
            y = c;
            odd = b;
        } else {
            x = b;
            y = c;
            odd = a;
        }
        double xOdd = e.dot(x, odd);
        double yOdd = e.dot(y, odd);
        if (yOdd > xOdd) {
            int swap = x;
            x = y;
            y = swap;
            double s = xOdd;
            xOdd = yOdd;
            yOdd = s;
        }
        return new LabelledTriplet(x, y, odd, (float) e.dot(x, y), (float) xOdd, (float) yOdd);
    }
}
