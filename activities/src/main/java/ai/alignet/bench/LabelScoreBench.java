package ai.alignet.bench;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.labels.LabelScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Label scoring throughput ({@link LabelScorer}, single thread) on random embeddings and triplets,
 * set against the memory-bandwidth bound: each triplet must read three embedding rows once
 * (3 × dim × 4 bytes), and the machine's copy bandwidth says how fast bytes can be read.
 */
public final class LabelScoreBench {

    public record Result(int rows, int dim, int triplets, double tripletsPerSecond, Spread tripletsPerSecondSpread,
            double copyBytesPerSecond, double boundTripletsPerSecond, double fractionOfBound) {}

    /** Copy buffers far larger than any cache, so the copy measures DRAM, not L3. */
    private static final int COPY_FLOATS = 64 << 20;

    private LabelScoreBench() {}

    public static Result run(int rows, int dim, int triplets, int repeats, boolean measureBandwidth) {
        if (rows < 3 || dim < 1 || triplets < 1 || repeats < 1) {
            throw new IllegalArgumentException("need rows >= 3, dim >= 1, triplets >= 1, repeats >= 1");
        }
        SplittableRandom random = new SplittableRandom(17);
        float[] values = new float[Math.multiplyExact(rows, dim)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        EmbeddingMatrix embeddings = new EmbeddingMatrix(rows, dim, values);
        int[][] sampled = new int[triplets][];
        for (int t = 0; t < triplets; t++) {
            sampled[t] = new int[] {random.nextInt(rows), random.nextInt(rows), random.nextInt(rows)};
        }
        LabelScorer.score(embeddings, Arrays.copyOf(sampled, Math.min(triplets, 10_000)));
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            LabelScorer.score(embeddings, sampled);
            seconds.add(Spread.seconds(start));
        }
        Spread rate = Spread.ratesOf(triplets, seconds);
        double copy = measureBandwidth ? copyBytesPerSecond(repeats) : 0; // 0: not measured (bound and fraction 0 too)
        double bound = copy / (3.0 * dim * Float.BYTES);
        return new Result(rows, dim, triplets, rate.median(), rate, copy, bound, bound > 0 ? rate.median() / bound : 0);
    }

    /** Median bytes read per second by System.arraycopy between two 256 MiB arrays. */
    static double copyBytesPerSecond(int repeats) {
        float[] from = new float[COPY_FLOATS];
        float[] to = new float[COPY_FLOATS];
        Arrays.fill(from, 1f);
        System.arraycopy(from, 0, to, 0, COPY_FLOATS);
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < Math.max(3, repeats); r++) {
            long start = System.nanoTime();
            System.arraycopy(from, 0, to, 0, COPY_FLOATS);
            seconds.add(Spread.seconds(start));
        }
        return Spread.ratesOf((double) COPY_FLOATS * Float.BYTES, seconds).median();
    }
}
