package ai.alignet.ml.model;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.eval.OddOneOut;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exact odd-one-out counts on human triplets (i, j, k), k the odd one out: correct when the model's
 * most similar pair is (i, j), with S_ij placed last before a first-maximum argmax so that a tie is
 * never counted as correct (the published metric, DESIGN.md §3).
 */
public record OddOneOutCounts(int n, int correct, Map<String, OddOneOutCounts> byType) {

    public double accuracy() {
        return n == 0 ? Double.NaN : (double) correct / n;
    }

    /** Counts over all triplets, and per type when {@code types} (one per triplet) is not null. */
    public static OddOneOutCounts of(EmbeddingMatrix z, List<Triplet> triplets, List<String> types) {
        if (types != null && types.size() != triplets.size()) {
            throw new IllegalArgumentException(triplets.size() + " triplets but " + types.size() + " types");
        }
        int correct = 0;
        Map<String, int[]> perType = new LinkedHashMap<>();
        for (int t = 0; t < triplets.size(); t++) {
            Triplet tr = triplets.get(t);
            boolean hit = OddOneOut.oddPosition(z, tr.i(), tr.j(), tr.k()) == 2;
            correct += hit ? 1 : 0;
            if (types != null) {
                int[] c = perType.computeIfAbsent(types.get(t), k -> new int[2]);
                c[0]++;
                c[1] += hit ? 1 : 0;
            }
        }
        Map<String, OddOneOutCounts> byType = new LinkedHashMap<>();
        perType.forEach((type, c) -> byType.put(type, new OddOneOutCounts(c[0], c[1], Map.of())));
        return new OddOneOutCounts(triplets.size(), correct, byType);
    }
}
