package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * BREEDS-style subpopulation shift: a linear probe learns superclasses from some subclasses and is
 * tested on subclasses it never saw, so it rewards representations whose superclass structure is shared
 * across subclasses.
 */
public final class SubpopulationShift {

    private SubpopulationShift() {}

    /**
     * For each superclass, its subclass ids sorted ascending; the first half (rounded down, at least one)
     * are training subclasses, the rest test subclasses. Trains a {@link LinearProbe} on superclass labels
     * of the training items and returns its accuracy on the test items.
     */
    public static double probeAccuracy(EmbeddingMatrix features, int[] superLabels, int[] subLabels,
            int superClasses, double l2, int iterations) {
        if (superLabels.length != features.rows() || subLabels.length != features.rows()) {
            throw new IllegalArgumentException("need one superclass and one subclass label per row: " + features.rows()
                    + " rows, " + superLabels.length + " superclass labels, " + subLabels.length + " subclass labels");
        }
        Map<Integer, TreeSet<Integer>> subclassesOf = new TreeMap<>();
        Map<Integer, Integer> superOfSub = new TreeMap<>();
        for (int r = 0; r < features.rows(); r++) {
            Integer previous = superOfSub.putIfAbsent(subLabels[r], superLabels[r]);
            if (previous != null && previous != superLabels[r]) {
                throw new IllegalArgumentException("subclass " + subLabels[r] + " appears under superclasses " + previous
                        + " and " + superLabels[r] + "; each subclass must belong to exactly one superclass");
            }
            subclassesOf.computeIfAbsent(superLabels[r], s -> new TreeSet<>()).add(subLabels[r]);
        }
        Set<Integer> trainSubclasses = new HashSet<>();
        for (Map.Entry<Integer, TreeSet<Integer>> entry : subclassesOf.entrySet()) {
            TreeSet<Integer> subs = entry.getValue();
            if (subs.size() < 2) {
                throw new IllegalArgumentException("superclass " + entry.getKey() + " has only " + subs.size()
                        + " subclass; subpopulation shift needs at least 2 per superclass (one to train, one to test)");
            }
            int trainCount = Math.max(1, subs.size() / 2);
            subs.stream().limit(trainCount).forEach(trainSubclasses::add);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int r = 0; r < features.rows(); r++) {
            (trainSubclasses.contains(subLabels[r]) ? train : test).add(r);
        }
        int[] trainRows = train.stream().mapToInt(Integer::intValue).toArray();
        int[] testRows = test.stream().mapToInt(Integer::intValue).toArray();
        LinearProbe probe = LinearProbe.train(
                features.select(trainRows), labelsAt(superLabels, trainRows), superClasses, l2, iterations);
        return probe.accuracy(features.select(testRows), labelsAt(superLabels, testRows));
    }

    private static int[] labelsAt(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int n = 0; n < rows.length; n++) {
            out[n] = labels[rows[n]];
        }
        return out;
    }
}
