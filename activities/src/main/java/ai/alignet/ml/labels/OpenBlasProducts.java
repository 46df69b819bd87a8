package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CentroidProducts} by OpenBLAS's sgemm (JavaCPP's OpenBLAS build, natives from its Maven Central
 * jar): the widened rows live in native memory for the fit; each call multiplies the widened centroids
 * with one block of them into a native buffer of the calling thread (centroid-major) and copies each
 * centroid's values out to its array. OpenBLAS runs single-threaded (set once, when it loads) — the
 * screen calls it from several threads at once instead, so no OpenBLAS thread pool spins on cores the
 * Java selection needs (with OpenBLAS's own threads, two Java threads were no faster than one). OpenBLAS
 * picks its kernels for the CPU when it loads; the environment variable {@code OPENBLAS_CORETYPE}
 * overrides that (as for numpy and scikit-learn; docs/operations.md).
 */
final class OpenBlasProducts implements CentroidProducts {

    /**
     * The most rows per call (the screen cuts equal blocks up to this). 1024 was a little faster than 512 and 4096 on the benchmark machine (whole fits,
     * 1 and 2 threads; docs/benchmarks.md §5): large enough for the GEMM, small enough to share out.
     */
    static final int BLOCK_ROWS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasProducts.class);
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANSPOSE = openblas_nolapack.CblasNoTrans;
    private static final int TRANSPOSE = openblas_nolapack.CblasTrans;

    private static volatile Boolean available;

    /** Rows widened per copy into native memory: one JNI call per 256 rows, through a 130 KB array (dim 128). */
    private static final int COPY_ROWS = 256;

    private final FloatPointer rows;
    /** Floats per widened row and centroid: dim + 2. */
    private final int width;
    /** Every thread's product buffer, freed on close. */
    private final List<FloatPointer> buffers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Buffer> buffer = new ThreadLocal<>();
    private volatile FloatPointer centroids;
    private volatile int k;

    /** One thread's product memory, seen as floats by sgemm and as ints when copied out. */
    private record Buffer(FloatPointer floats, IntPointer ints) {}

    private OpenBlasProducts(FloatPointer rows, int width) {
        this.rows = rows;
        this.width = width;
    }

    /** Whether OpenBLAS's natives load on this platform (tried once; a failure is logged and libtorch used). */
    static boolean available() {
        if (available == null) {
            synchronized (OpenBlasProducts.class) {
                if (available == null) {
                    try {
                        Loader.load(openblas_nolapack.class);
                        // Single-threaded for good: nothing else here uses OpenBLAS, and k-means calls it
                        // from threads of its own.
                        org.bytedeco.openblas.presets.openblas_nolapack.blas_set_num_threads(1);
                        available = true;
                    } catch (Throwable e) { // UnsatisfiedLinkError, or a cache folder it cannot write
                        LOG.warn("OpenBLAS natives did not load ({}); k-means uses libtorch's GEMM instead. On a "
                                + "read-only file system, point -Dorg.bytedeco.javacpp.cachedir at a writable folder.",
                                e.toString());
                        available = false;
                    }
                }
            }
        }
        return available;
    }

    /**
     * Copies the rows to native memory, each widened to [x, 1, ‖x‖²_f], and writes each row's ‖x‖² (in
     * double) to {@code squaredNorms}: one pass over the rows, split over the runner's threads (the norms
     * and the copy as two passes, the copy on one thread, took 1.7–2.1 ms of a 2-thread fit; docs/benchmarks.md §5).
     */
    static OpenBlasProducts of(EmbeddingMatrix x, double[] squaredNorms, ParallelRanges runner) {
        if (!available()) {
            throw new IllegalStateException("OpenBLAS natives are not available on this platform ("
                    + Loader.getPlatform() + "); use -D" + KMeans.GEMM_PROPERTY + "=libtorch or auto");
        }
        int dim = x.dim();
        int width = dim + NearestCentroidScreen.EXTRA_COLUMNS;
        FloatPointer rows = new FloatPointer((long) x.rows() * width);
        ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[COPY_ROWS * width]);
        try {
            runner.forEachSlice(x.rows(), COPY_ROWS, (from, to) -> {
                float[] widened = scratch.get();
                for (int r = from; r < to; r++) {
                    int at = (r - from) * width;
                    double norm = NearestCentroidScreen.squaredNorm(x.values(), r * dim, dim);
                    squaredNorms[r] = norm;
                    System.arraycopy(x.values(), r * dim, widened, at, dim);
                    widened[at + dim] = 1f;
                    widened[at + dim + 1] = (float) norm;
                }
                // A view of its own per slice (sharing no position with other threads), owning no memory.
                rows.<FloatPointer>getPointer((long) from * width).put(widened, 0, (to - from) * width);
            });
        } catch (RuntimeException | Error e) {
            rows.close();
            throw e;
        }
        return new OpenBlasProducts(rows, width);
    }

    @Override
    public void centroids(float[] widenedCentroids) {
        if (centroids == null || centroids.capacity() != widenedCentroids.length) {
            closeCentroids();
            centroids = new FloatPointer(widenedCentroids.length);
        }
        centroids.put(widenedCentroids);
        k = widenedCentroids.length / width;
    }

    @Override
    public void distances(int first, int rowCount, int[][] out) {
        int centroidCount = k;
        Buffer product = buffer.get();
        if (product == null || product.floats().capacity() < (long) BLOCK_ROWS * centroidCount) {
            FloatPointer floats = new FloatPointer((long) BLOCK_ROWS * centroidCount);
            product = new Buffer(floats, new IntPointer(floats));
            buffer.set(product);
            buffers.add(floats);
        }
        // centroids · rowsᵀ, k × rowCount: A (k × width) as is, B (the block, rowCount × width) transposed.
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANSPOSE, TRANSPOSE, centroidCount, rowCount, width, 1f,
                centroids, width, rows.getPointer((long) first * width), width, 0f, product.floats(), rowCount);
        IntPointer bits = product.ints();
        for (int c = 0; c < centroidCount; c++) {
            bits.position((long) c * rowCount).get(out[c], 0, rowCount);
        }
    }

    @Override
    public int blockRows() {
        return BLOCK_ROWS;
    }

    @Override
    public boolean concurrent() {
        return true;
    }

    @Override
    public String description() {
        String coreType = System.getenv("OPENBLAS_CORETYPE");
        return "openblas" + (coreType == null || coreType.isBlank() ? "" : " (OPENBLAS_CORETYPE=" + coreType + ")");
    }

    private void closeCentroids() {
        if (centroids != null) {
            centroids.close();
            centroids = null;
        }
    }

    @Override
    public void close() {
        closeCentroids();
        for (FloatPointer product : buffers) {
            product.close();
        }
        buffer.remove();
        rows.close();
    }
}
