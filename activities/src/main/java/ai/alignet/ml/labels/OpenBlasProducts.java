package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link CentroidProducts} by OpenBLAS's sgemm (JavaCPP's OpenBLAS build, natives from its Maven Central
 * jar): the rows live in native memory for the fit; each call multiplies one block of them into a native
 * buffer of the calling thread, copies it to the caller's array and adds ‖c‖²_f there in Java (float +
 * float: one correctly rounded addition). OpenBLAS runs single-threaded (set once, when it loads) — the
 * screen calls it from several threads at once instead, so no OpenBLAS thread pool spins on cores the
 * Java selection needs (with OpenBLAS's own threads, two Java threads were no faster than one). OpenBLAS
 * picks its kernels for the CPU when it loads; the environment variable {@code OPENBLAS_CORETYPE}
 * overrides that (as for numpy and scikit-learn; docs/operations.md).
 */
final class OpenBlasProducts implements CentroidProducts {

    /**
     * Rows per call. 1024 was a little faster than 512 and 4096 on the benchmark machine (whole fits,
     * 1 and 2 threads; docs/benchmarks.md §5): large enough for the GEMM, small enough to share out.
     */
    static final int BLOCK_ROWS = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(OpenBlasProducts.class);
    private static final int ROW_MAJOR = openblas_nolapack.CblasRowMajor;
    private static final int NO_TRANSPOSE = openblas_nolapack.CblasNoTrans;
    private static final int TRANSPOSE = openblas_nolapack.CblasTrans;

    private static volatile Boolean available;

    private final FloatPointer rows;
    private final int dim;
    /** Every thread's product buffer, freed on close. */
    private final List<FloatPointer> buffers = new CopyOnWriteArrayList<>();
    private final ThreadLocal<FloatPointer> buffer = new ThreadLocal<>();
    private volatile FloatPointer centroids;
    private volatile float[] squaredNorms;

    private OpenBlasProducts(FloatPointer rows, int dim) {
        this.rows = rows;
        this.dim = dim;
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

    static OpenBlasProducts of(EmbeddingMatrix x) {
        if (!available()) {
            throw new IllegalStateException("OpenBLAS natives are not available on this platform ("
                    + Loader.getPlatform() + "); use -D" + KMeans.GEMM_PROPERTY + "=libtorch or auto");
        }
        FloatPointer rows = new FloatPointer((long) x.rows() * x.dim());
        rows.put(x.values());
        return new OpenBlasProducts(rows, x.dim());
    }

    @Override
    public void centroids(float[] scaledCentroids, float[] squaredNorms) {
        if (centroids == null || centroids.capacity() != scaledCentroids.length) {
            closeCentroids();
            centroids = new FloatPointer(scaledCentroids.length);
        }
        centroids.put(scaledCentroids);
        this.squaredNorms = squaredNorms;
    }

    @Override
    public void distances(int first, int rowCount, float[] out) {
        float[] norms = squaredNorms;
        int k = norms.length;
        long needed = (long) rowCount * k;
        FloatPointer product = buffer.get();
        if (product == null || product.capacity() < needed) {
            product = new FloatPointer((long) BLOCK_ROWS * k);
            buffer.set(product);
            buffers.add(product);
        }
        // out = rows · centroidsᵀ: A is rowCount × dim, B (k × dim, row-major) is used transposed.
        openblas_nolapack.cblas_sgemm(ROW_MAJOR, NO_TRANSPOSE, TRANSPOSE, rowCount, k, dim, 1f,
                rows.getPointer((long) first * dim), dim, centroids, dim, 0f, product, k);
        product.get(out, 0, (int) needed);
        for (int r = 0; r < rowCount; r++) {
            addNorms(out, r * k, norms);
        }
    }

    /** A small method of its own so the JIT compiles (and vectorises) it early; see KMeans.addRow. */
    private static void addNorms(float[] out, int offset, float[] norms) {
        for (int c = 0; c < norms.length; c++) {
            out[offset + c] += norms[c];
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
