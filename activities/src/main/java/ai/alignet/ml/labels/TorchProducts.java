package ai.alignet.ml.labels;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.ml.engine.ParallelRanges;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteOrder;
import java.nio.IntBuffer;

/**
 * {@link CentroidProducts} by libtorch on its default device (the GPU on a GPU worker): the widened rows
 * are made there once; per block, the GEMM of the widened centroids with the block's rows, copied out
 * centroid by centroid.
 */
final class TorchProducts implements CentroidProducts {

    /** Rows per unit of parallel work in the rows' norms. */
    private static final int NORM_ROWS = 1024;

    private final IntraOpThreads threads;
    private final NDManager manager;
    private final NDArray rows;
    private NDArray centroids;

    private TorchProducts(IntraOpThreads threads, NDManager manager, NDArray rows) {
        this.threads = threads;
        this.manager = manager;
        this.rows = rows;
    }

    /**
     * Writes the rows' ‖x‖² to {@code squaredNorms} (on the runner's threads) and copies the widened rows
     * to libtorch's default device; its products run on libtorch intra-op threads of the calling thread,
     * as many as the runner has, until {@link #close()}, which must come on the same thread. (Only this engine
     * sets libtorch's count: k-means with OpenBLAS changing it twice per fit made two Java threads ~20 %
     * slower, for reasons not pinned down.)
     */
    static TorchProducts of(EmbeddingMatrix x, double[] squaredNorms, ParallelRanges runner) {
        runner.forEachSlice(x.rows(), NORM_ROWS, (from, to) -> NearestCentroidScreen.squaredNorms(x, from, to, squaredNorms));
        IntraOpThreads intraOp = IntraOpThreads.use(runner.threads());
        NDManager manager = null;
        try {
            manager = NDManager.newBaseManager();
            int columns = NearestCentroidScreen.EXTRA_COLUMNS;
            float[] extra = new float[x.rows() * columns];
            for (int r = 0; r < x.rows(); r++) {
                extra[r * columns] = 1f;
                extra[r * columns + 1] = (float) squaredNorms[r];
            }
            NDArray widened;
            try (NDManager scratch = manager.newSubManager()) {
                NDArray rows = scratch.create(x.values(), new Shape(x.rows(), x.dim()));
                widened = rows.concat(scratch.create(extra, new Shape(x.rows(), columns)), 1);
                widened.attach(manager);
            }
            return new TorchProducts(intraOp, manager, widened);
        } catch (RuntimeException e) {
            if (manager != null) {
                manager.close();
            }
            intraOp.close();
            throw e;
        }
    }

    @Override
    public void centroids(float[] widenedCentroids) {
        closeCentroids();
        int width = (int) rows.getShape().get(1);
        centroids = manager.create(widenedCentroids, new Shape(widenedCentroids.length / width, width));
    }

    @Override
    public void distances(int first, int rowCount, int[][] out) {
        try (NDArray block = rows.get(new NDIndex("{}:{}", first, first + rowCount));
                NDArray columns = block.transpose();
                NDArray product = centroids.matMul(columns)) {
            // A view of libtorch's memory (no intermediate buffer), copied out before it is freed.
            IntBuffer bits = product.toByteBuffer(true).order(ByteOrder.nativeOrder()).asIntBuffer();
            for (int c = 0; c < out.length; c++) {
                bits.position(c * rowCount);
                bits.get(out[c], 0, rowCount);
            }
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
            centroids.close();
        }
    }

    @Override
    public void close() {
        manager.close();
        threads.close();
    }
}
