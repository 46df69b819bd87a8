package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import java.util.List;

/**
 * The model's odd-one-out choice on a triplet of embeddings (DESIGN.md §3): the most similar pair,
 * by dot product, stays together; the third item is the odd one out.
 *
 * <p>Position convention used throughout: for items (a, b, c), index 0 of every per-position array
 * belongs to pair (b, c) (odd one out a), index 1 to pair (a, c) (odd one out b), index 2 to pair
 * (a, b) (odd one out c). For a human {@link Triplet} (i, j, k) passed as (a, b, c) the pair (i, j)
 * is therefore last, so a first-maximum argmax never counts a tie as correct, as the published
 * metric requires.
 */
public final class OddOneOut {

    private OddOneOut() {}

    /** Pair similarities in position order: [S_bc, S_ac, S_ab]. */
    public static double[] pairSimilarities(EmbeddingMatrix e, int a, int b, int c) {
        return new double[] {e.dot(b, c), e.dot(a, c), e.dot(a, b)};
    }

    /** 0, 1 or 2: the position of the model's odd one out; ties go to the lowest position. */
    public static int oddPosition(EmbeddingMatrix e, int a, int b, int c) {
        return firstArgmax(pairSimilarities(e, a, b, c));
    }

    /** Fraction of human triplets (i, j, k) where the model's most similar pair is strictly (i, j). */
    public static double accuracy(EmbeddingMatrix e, List<Triplet> triplets) {
        if (triplets.isEmpty()) {
            throw new IllegalArgumentException("accuracy needs at least one triplet, got an empty list");
        }
        int correct = 0;
        for (Triplet t : triplets) {
            if (oddPosition(e, t.i(), t.j(), t.k()) == 2) {
                correct++;
            }
        }
        return (double) correct / triplets.size();
    }

    /**
     * Probability that each position is the odd one out: softmax([S_bc, S_ac, S_ab] / temperature).
     * For a human triplet (i, j, k), element 2 is p_ij of DESIGN.md §3.
     */
    public static double[] probabilities(EmbeddingMatrix e, int a, int b, int c, double temperature) {
        double[] log = logProbabilities(e, a, b, c, temperature);
        return new double[] {Math.exp(log[0]), Math.exp(log[1]), Math.exp(log[2])};
    }

    /** Natural log of {@link #probabilities}, computed stably so large logits never give log(0). */
    public static double[] logProbabilities(EmbeddingMatrix e, int a, int b, int c, double temperature) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
        }
        double[] s = pairSimilarities(e, a, b, c);
        for (int p = 0; p < 3; p++) {
            s[p] /= temperature;
        }
        return logSoftmax(s);
    }

    static double[] logSoftmax(double[] logits) {
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double sum = 0;
        for (double l : logits) {
            sum += Math.exp(l - max);
        }
        double logZ = max + Math.log(sum);
        return new double[] {logits[0] - logZ, logits[1] - logZ, logits[2] - logZ};
    }

    static int firstArgmax(double[] values) {
        int best = 0;
        for (int p = 1; p < values.length; p++) {
            if (values[p] > values[best]) {
                best = p;
            }
        }
        return best;
    }
}
