package ai.alignet.ml.eval;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Representational similarity analysis by Spearman rank correlation, e.g. of the upper triangles of a
 * model's and the humans' similarity matrices.
 */
public final class SpearmanRsa {

    private SpearmanRsa() {}

    /** Spearman's rho: Pearson correlation of the ranks, tied values sharing their average rank. */
    public static double correlate(double[] a, double[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("samples must have equal length, got " + a.length + " and " + b.length);
        }
        return PearsonCorrelation.correlate(averageRanks(a), averageRanks(b));
    }

    /** 1-based ranks; a run of equal values gets the mean of the ranks it spans. */
    static double[] averageRanks(double[] values) {
        for (int n = 0; n < values.length; n++) {
            if (Double.isNaN(values[n])) {
                throw new IllegalArgumentException("value " + n + " is NaN; remove or impute it before ranking");
            }
        }
        Integer[] order = IntStream.range(0, values.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(n -> values[n]));
        double[] ranks = new double[values.length];
        int start = 0;
        while (start < order.length) {
            int end = start;
            while (end + 1 < order.length && values[order[end + 1]] == values[order[start]]) {
                end++;
            }
            double rank = (start + end) / 2.0 + 1;
            for (int n = start; n <= end; n++) {
                ranks[order[n]] = rank;
            }
            start = end + 1;
        }
        return ranks;
    }
}
