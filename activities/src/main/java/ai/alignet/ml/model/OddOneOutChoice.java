package ai.alignet.ml.model;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import java.util.List;

/**
 * A model's odd-one-out choice from embeddings: similarities are dot products, the most similar pair
 * wins, and the odd one out is the item not in it.
 */
public final class OddOneOutChoice {

    private OddOneOutChoice() {}

    /** Position 0..2 of the odd one out among rows a, b, c of {@code z}. */
    public static int oddPosition(EmbeddingMatrix z, int a, int b, int c) {
        double[] pairWithout = {z.dot(b, c), z.dot(a, c), z.dot(a, b)};
        int best = 0;
        for (int p = 1; p < 3; p++) {
            if (pairWithout[p] > pairWithout[best]) {
                best = p;
            }
        }
        return best;
    }

    /**
     * Fraction of triplets of {@code type} (all types when null) where the model picks the odd one out
     * most people picked; triplet items index rows of {@code z}.
     */
    public static double agreement(EmbeddingMatrix z, List<JudgedTriplet> triplets, String type) {
        int total = 0;
        int agreed = 0;
        for (JudgedTriplet t : triplets) {
            if (type != null && !type.equals(t.type())) {
                continue;
            }
            total++;
            if (oddPosition(z, t.a(), t.b(), t.c()) == t.majorityOddPosition()) {
                agreed++;
            }
        }
        if (total == 0) {
            throw new IllegalArgumentException("no triplets of type '" + type + "' to measure agreement on");
        }
        return (double) agreed / total;
    }
}
