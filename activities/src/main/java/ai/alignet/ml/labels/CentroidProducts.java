package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Locale;

/**
 * The float32 arithmetic behind {@link NearestCentroidScreen}: for a block of rows and this pass's
 * centroids, D(c) = [x, 1, ‖x‖²_f]·[−2c̃, ‖c‖²_f, 1] — one GEMM of the widened rows with the widened
 * centroids, one float32 dot product per value, summed in any order (the screen's error bound holds for
 * every order, with or without FMA).
 *
 * <p>Two engines keep the rows for a whole fit: OpenBLAS's sgemm on CPU, libtorch's GEMM on GPU. On CPU,
 * libtorch's GEMM is MKL's, which runs a generic kernel on non-Intel CPUs: on this project's AMD benchmark
 * machine 6.1–6.8 ms against OpenBLAS's 4.9 ms (its AVX2 kernels) or 2.7–3.1 ms (its AVX-512 ones) for
 * the same 20k × 128 × 100 product, one thread (docs/benchmarks.md §5).
 */
interface CentroidProducts extends AutoCloseable {

    /** Which engine computes the products. */
    enum Engine {
        /** OpenBLAS on CPU; libtorch when libtorch computes on a GPU or OpenBLAS's natives do not load. */
        AUTO,
        OPENBLAS,
        LIBTORCH;

        /** Parses a name as the CLI and the system property give it: auto, openblas or libtorch. */
        static Engine parse(String name, String source) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + "=" + name + " is not a k-means product engine; use "
                        + "auto, openblas or libtorch", e);
            }
        }
    }

    /** Takes one pass's widened centroids: k rows [−2c̃, ‖c‖²_f, 1] of dim + 2 floats, row-major. */
    void centroids(float[] widenedCentroids);

    /**
     * D for rows [first, first + rows) as float32 bits ({@link Float#floatToRawIntBits}), centroid-major:
     * {@code out[c][n]} for row first + n; rows ≤ {@link #blockRows()}. Where {@link #concurrent()}, several
     * threads may call this at once for different rows.
     */
    void distances(int first, int rows, int[][] out);

    /** The most rows one {@link #distances} call takes: the screen's block. */
    int blockRows();

    /** Whether {@link #distances} may run on several threads at once (then the screen splits blocks over threads). */
    boolean concurrent();

    /** What computes the products, for reports: "openblas" or "libtorch (device)". */
    String description();

    @Override
    void close();

    /** The engine {@link KMeans#GEMM_PROPERTY} names, or AUTO. */
    static Engine configured() {
        String value = System.getProperty(KMeans.GEMM_PROPERTY);
        return value == null || value.isBlank() ? Engine.AUTO : Engine.parse(value, "-D" + KMeans.GEMM_PROPERTY);
    }

    /**
     * Copies the rows, widened to [x, 1, ‖x‖²_f], to the chosen engine, and writes each row's ‖x‖² in
     * double (which ‖x‖²_f rounds once) to {@code squaredNorms}, on the runner's threads. AUTO takes
     * libtorch where its default device is a GPU, else OpenBLAS, else (natives missing for this platform,
     * or not loadable) libtorch on CPU, with a warning. libtorch computes on as many intra-op threads of
     * the calling thread (see IntraOpThreads) as the runner has, until closed, on that thread; OpenBLAS on
     * one thread per call.
     */
    static CentroidProducts open(EmbeddingMatrix x, double[] squaredNorms, Engine engine, ParallelRanges runner) {
        Engine chosen = engine;
        if (engine == Engine.AUTO) {
            chosen = ai.djl.engine.Engine.getInstance().defaultDevice().isGpu() || !OpenBlasProducts.available()
                    ? Engine.LIBTORCH : Engine.OPENBLAS;
        }
        return chosen == Engine.OPENBLAS ? OpenBlasProducts.of(x, squaredNorms, runner)
                : TorchProducts.of(x, squaredNorms, runner);
    }
}
