package ai.alignet.bench;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.RowDots;
import ai.alignet.ml.labels.LabelScorer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Label scoring throughput ({@link LabelScorer} on {@code threads} threads) on random embeddings and
 * triplets, set against the memory-bandwidth bound: each triplet must read three embedding rows once
 * (3 × dim × 4 bytes), and the machine's copy bandwidth — measured with as many threads, each copying
 * its own slice, since one core alone does not saturate memory — says how fast bytes can be read.
 */
public final class LabelScoreBench {

    public record Result(int rows, int dim, int triplets, int threads, double tripletsPerSecond,
            Spread tripletsPerSecondSpread, double copyBytesPerSecond, double boundTripletsPerSecond,
            double fractionOfBound, String rowDots) {}

    /** Copy buffers far larger than any cache, so the copy measures DRAM, not L3. */
    private static final int COPY_FLOATS = 64 << 20;

    private LabelScoreBench() {}

    public static Result run(int rows, int dim, int triplets, int repeats, boolean measureBandwidth, int threads) {
        if (rows < 3 || dim < 1 || triplets < 1 || repeats < 1 || threads < 1) {
            throw new IllegalArgumentException("need rows >= 3, dim >= 1, triplets >= 1, repeats >= 1, threads >= 1");
        }
        SplittableRandom random = new SplittableRandom(17);
        EmbeddingMatrix embeddings = EmbeddingMatrix.gaussian(rows, dim, random);
        int[][] sampled = new int[triplets][];
        for (int t = 0; t < triplets; t++) {
            sampled[t] = new int[] {random.nextInt(rows), random.nextInt(rows), random.nextInt(rows)};
        }
        LabelScorer.score(embeddings, Arrays.copyOf(sampled, Math.min(triplets, 100_000)), threads);
        List<Double> seconds = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            LabelScorer.score(embeddings, sampled, threads);
            seconds.add(Spread.seconds(start));
        }
        Spread rate = Spread.ratesOf(triplets, seconds);
        double copy = measureBandwidth ? copyBytesPerSecond(repeats, threads) : 0; // 0: not measured (bound and fraction 0 too)
        double bound = copy / (3.0 * dim * Float.BYTES);
        return new Result(rows, dim, triplets, threads, rate.median(), rate, copy, bound,
                bound > 0 ? rate.median() / bound : 0, RowDots.fastest().name());
    }

    /**
     * Median bytes read per second by System.arraycopy between two 256 MiB arrays, {@code threads}
     * threads each copying its own contiguous slice at the same time.
     */
    static double copyBytesPerSecond(int repeats, int threads) {
        float[] from = new float[COPY_FLOATS];
        float[] to = new float[COPY_FLOATS];
        Arrays.fill(from, 1f);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            copyOnce(pool, threads, from, to);
            List<Double> seconds = new ArrayList<>();
            for (int r = 0; r < Math.max(3, repeats); r++) {
                long start = System.nanoTime();
                copyOnce(pool, threads, from, to);
                seconds.add(Spread.seconds(start));
            }
            return Spread.ratesOf((double) COPY_FLOATS * Float.BYTES, seconds).median();
        } finally {
            pool.shutdownNow();
        }
    }

    private static void copyOnce(ExecutorService pool, int threads, float[] from, float[] to) {
        int slice = (COPY_FLOATS + threads - 1) / threads;
        List<Future<?>> copies = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int start = t * slice;
            int length = Math.min(slice, COPY_FLOATS - start);
            copies.add(pool.submit(() -> System.arraycopy(from, start, to, start, length)));
        }
        try {
            for (Future<?> copy : copies) {
                copy.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("bandwidth measurement interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("bandwidth measurement failed", e.getCause());
        }
    }
}
