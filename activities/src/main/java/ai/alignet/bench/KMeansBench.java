package ai.alignet.bench;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.labels.Clustering;
import ai.alignet.ml.labels.KMeans;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seconds per Lloyd iteration of {@link KMeans}: a fit from k-means++ centres computed once beforehand
 * (untimed, as the scikit-learn reference does), timed whole and divided by the iterations it ran —
 * each iteration is an update and an assignment; the fit adds one first assignment and the final
 * inertia, as scikit-learn's adds its final labelling pass. (Until 2026-11-29 it was the time of a fit
 * with {@code iterations} iterations minus that of a fit with none: the same quantity, but the
 * difference of two runs that both include the k-means++ initialisation was too noisy under load.)
 * Data come from a raw little-endian float32 file (rows × dim, as numpy's {@code tofile} writes it) so
 * a reference can cluster the very same points, or are drawn here. {@code exactFallbackFraction}: of
 * all rows screened in float32 over the last timed fit's assignment passes, the share whose nearest
 * centroid was a near-tie and was recomputed in double. {@code products}: what computed the float32
 * products (e.g. "openblas (OPENBLAS_CORETYPE=SkylakeX)"; {@code --gemm} on the CLI pins it).
 */
public final class KMeansBench {

    public record Result(int rows, int dim, int k, int iterations, double secondsPerIteration,
            Spread secondsPerIterationSpread, double inertia, int threads, long screenedRows,
            long exactlyRecomputedRows, double exactFallbackFraction, String products) {}

    private static final int WARM_UP_FITS = 3;
    private static final long WARM_UP_NANOS = 1_500_000_000L;

    private KMeansBench() {}

    public static Result run(Path data, int rows, int dim, int k, int iterations, int repeats, int threads) {
        EmbeddingMatrix x = data != null ? read(data, dim) : blobs(rows, dim, k, 29);
        EmbeddingMatrix start = KMeans.initialCentroids(x, k, 1);
        // Warm-up: the JIT compiles the hot loops. At least three fits and 1.5 s, not one fit: on several
        // threads the compiler threads otherwise still compete with the timed fits for the cores (2 threads,
        // 2 CPUs: after three 45 ms fits the timed ones still ran ~1.35x slower than in a warm JVM).
        long warmUpStart = System.nanoTime();
        for (int w = 0; w < WARM_UP_FITS || System.nanoTime() - warmUpStart < WARM_UP_NANOS; w++) {
            KMeans.fitFrom(x, start, iterations, threads);
        }
        List<Double> perIteration = new ArrayList<>();
        KMeans.Fit last = null;
        for (int r = 0; r < repeats; r++) {
            long begin = System.nanoTime();
            last = KMeans.fitFrom(x, start, iterations, threads);
            perIteration.add(Spread.seconds(begin) / Math.max(1, last.clustering().iterations()));
        }
        Spread spread = Spread.of(perIteration);
        Clustering clustering = last.clustering();
        return new Result(x.rows(), x.dim(), k, clustering.iterations(), spread.median(), spread, clustering.inertia(),
                threads, last.screenedRows(), last.exactlyRecomputedRows(),
                last.screenedRows() == 0 ? 1 : (double) last.exactlyRecomputedRows() / last.screenedRows(), last.products());
    }

    static EmbeddingMatrix read(Path file, int dim) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length % (4L * dim) != 0) {
                throw new IllegalArgumentException(file + " holds " + bytes.length + " bytes, not a whole number of "
                        + dim + "-wide float32 rows; pass the --dim it was written with");
            }
            float[] values = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
            return new EmbeddingMatrix(values.length / dim, dim, values);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read k-means data " + file, e);
        }
    }

    /** Gaussian blobs around k random centres: data with clusters to find, as embeddings have. */
    static EmbeddingMatrix blobs(int rows, int dim, int k, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] centres = new float[k * dim];
        for (int i = 0; i < centres.length; i++) {
            centres[i] = (float) (random.nextGaussian() * 3);
        }
        float[] values = new float[rows * dim];
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(k);
            for (int d = 0; d < dim; d++) {
                values[r * dim + d] = centres[c * dim + d] + (float) random.nextGaussian();
            }
        }
        return new EmbeddingMatrix(rows, dim, values);
    }
}
