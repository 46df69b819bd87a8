package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * n-shot classification on frozen embeddings: for each shot count, several seeded draws of a support set
 * of n images per class, a {@link RidgeClassifier} fitted on the support set, and its accuracy on every
 * other image. Least squares rather than logistic regression because it is the probe the ViT/BiT
 * few-shot protocol (and AligNet after it) uses, and because its closed form leaves nothing to tune.
 *
 * <p>Draws come from {@link SplitMix64}, one stream per shot count seeded {@code seed + shots} (so adding
 * a shot count leaves the others' draws alone): per class in ascending order, its rows in ascending
 * order, a partial Fisher–Yates shuffle of the first n places with j = i + below(m − i).
 */
public final class FewShotAccuracy {

    /** One shot count: correct and tested images for each draw. */
    public record Score(int shots, int[] correct, int[] tested) {

        public Score {
            correct = correct.clone();
            tested = tested.clone();
        }

        @Override
        public int[] correct() {
            return correct.clone();
        }

        @Override
        public int[] tested() {
            return tested.clone();
        }

        /** Mean over draws of each draw's accuracy. */
        public double meanAccuracy() {
            double sum = 0;
            for (int d = 0; d < correct.length; d++) {
                sum += (double) correct[d] / tested[d];
            }
            return sum / correct.length;
        }
    }

    private FewShotAccuracy() {}

    public static List<Score> evaluate(EmbeddingMatrix x, int[] labels, int classes, int[] shots, int draws, long seed,
            double l2) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("got " + labels.length + " labels for " + x.rows() + " rows; pass one label per row");
        }
        if (draws < 1) {
            throw new IllegalArgumentException("draws must be >= 1, got " + draws);
        }
        int[] size = classSizes(labels, classes);
        List<Score> out = new ArrayList<>();
        for (int n : shots) {
            for (int k = 0; k < classes; k++) {
                if (n < 1 || size[k] <= n) {
                    throw new IllegalArgumentException(n + "-shot needs more than " + n + " images in every class, but class "
                            + k + " has " + size[k] + "; ask for fewer shots (see feasibleShots)");
                }
            }
            SplitMix64 random = new SplitMix64(seed + n);
            int[] correct = new int[draws];
            int[] tested = new int[draws];
            for (int d = 0; d < draws; d++) {
                int[] support = supportRows(labels, classes, n, random);
                int[] test = complement(support, x.rows());
                int[] predicted = RidgeClassifier.fit(x.select(support), at(labels, support), classes, l2)
                        .predict(x.select(test));
                for (int t = 0; t < test.length; t++) {
                    correct[d] += predicted[t] == labels[test[t]] ? 1 : 0;
                }
                tested[d] = test.length;
            }
            out.add(new Score(n, correct, tested));
        }
        return out;
    }

    /** The candidates (in their order) that leave every class at least one test image. */
    public static int[] feasibleShots(int[] labels, int classes, int[] candidates) {
        int smallest = Arrays.stream(classSizes(labels, classes)).min().orElse(0);
        return Arrays.stream(candidates).filter(n -> n >= 1 && n < smallest).toArray();
    }

    /** One draw's support set, sorted ascending. */
    static int[] supportRows(int[] labels, int classes, int shots, SplitMix64 random) {
        List<Integer> rows = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            List<Integer> members = new ArrayList<>();
            for (int r = 0; r < labels.length; r++) {
                if (labels[r] == k) {
                    members.add(r);
                }
            }
            for (int i = 0; i < shots; i++) {
                int j = i + random.below(members.size() - i);
                Integer swap = members.get(i);
                members.set(i, members.get(j));
                members.set(j, swap);
            }
            rows.addAll(members.subList(0, shots));
        }
        return rows.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    private static int[] classSizes(int[] labels, int classes) {
        int[] size = new int[classes];
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " at row " + r + " is outside 0.." + (classes - 1));
            }
            size[labels[r]]++;
        }
        return size;
    }

    private static int[] complement(int[] sortedRows, int rows) {
        int[] out = new int[rows - sortedRows.length];
        for (int r = 0, s = 0, o = 0; r < rows; r++) {
            if (s < sortedRows.length && sortedRows[s] == r) {
                s++;
            } else {
                out[o++] = r;
            }
        }
        return out;
    }

    private static int[] at(int[] labels, int[] rows) {
        int[] out = new int[rows.length];
        for (int n = 0; n < rows.length; n++) {
            out[n] = labels[rows[n]];
        }
        return out;
    }
}
