package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;

/**
 * {@link CentroidProducts} by libtorch on its default device (the GPU on a GPU worker): the rows are
 * copied there once; per block, the GEMM with the columns −2c̃, then the row ‖c‖²_f added by one
 * broadcast float32 addition in libtorch (a separate op: no FMA can merge it into the product), and the
 * result copied out.
 */
final class TorchProducts implements CentroidProducts {

    private final IntraOpThreads threads;
    private final NDManager manager;
    private final NDArray rows;
    private NDArray centroids;
    private NDArray columns;
    private NDArray norms;

    private TorchProducts(IntraOpThreads threads, NDManager manager, NDArray rows) {
        this.threads = threads;
        this.manager = manager;
        this.rows = rows;
    }

    /**
     * Copies the rows to libtorch's default device; its products run on {@code threads} intra-op threads
     * of the calling thread until {@link #close()}, which must come on the same thread. (Only this engine
     * sets libtorch's count: k-means with OpenBLAS changing it twice per fit made two Java threads ~20 %
     * slower, for reasons not pinned down.)
     */
    static TorchProducts of(EmbeddingMatrix x, int threads) {
        IntraOpThreads intraOp = IntraOpThreads.use(threads);
        NDManager manager = null;
        try {
            manager = NDManager.newBaseManager();
            return new TorchProducts(intraOp, manager, manager.create(x.values(), new Shape(x.rows(), x.dim())));
        } catch (RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            intraOp.close();
            throw e;
        }
    }

    @Override
    public void centroids(float[] scaledCentroids, float[] squaredNorms) {
        closeCentroids();
        int k = squaredNorms.length;
        centroids = manager.create(scaledCentroids, new Shape(k, scaledCentroids.length / k));
        columns = centroids.transpose();
        norms = manager.create(squaredNorms, new Shape(1, k));
    }

    @Override
    public void distances(int first, int rowCount, float[] out) {
        try (NDArray block = rows.get(new NDIndex("{}:{}", first, first + rowCount));
                NDArray product = block.matMul(columns)) {
            product.addi(norms);
            // A view of libtorch's memory (no intermediate buffer), copied out before it is freed.
            product.toByteBuffer(true).order(ByteOrder.nativeOrder()).asFloatBuffer().get(out, 0, rowCount * (int) norms.size());
        }
    }

    /** 4096 rows: fewer, larger products (each call is several JNI round trips); 1024–8192 are alike. */
    @Override
    public int blockRows() {
        return 4096;
    }

    /** One call at a time: libtorch parallelises each product over its own intra-op threads. */
    @Override
    public boolean concurrent() {
        return false;
    }

    @Override
    public String description() {
        return "libtorch (" + manager.getDevice() + ")";
    }

    private void closeCentroids() {
        if (centroids != null) {
            columns.close();
            centroids.close();
            norms.close();
        }
    }

    @Override
    public void close() {
        manager.close();
        threads.close();
    }
}
