package ai.alignet.bench;

import java.util.List;

/**
 * The median and range of repeated measurements. Benchmarks on shared machines are noisy, so every
 * figure we publish is a median with its min and max beside it, never a single run.
 */
public record Spread(double median, double min, double max, int samples) {

    public static Spread of(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("no measurements to summarise; run at least one repeat");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
        return new Spread(median, sorted[0], sorted[n - 1], n);
    }

    /** The spread of {@code work / seconds} for each measured duration (a rate: higher is faster). */
    public static Spread ratesOf(double work, List<Double> seconds) {
        return of(seconds.stream().map(s -> work / s).toList());
    }

    @Override
    public String toString() {
        return String.format("%.4g [%.4g, %.4g] (n=%d)", median, min, max, samples);
    }

    static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
