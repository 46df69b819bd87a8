package ai.alignet.ml.teacher;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs libtorch single-threaded on the calling thread while held. The teacher's matrices are small
 * (batch × 128 × 128), so one thread is as fast as several, and it makes the fit bit-for-bit
 * reproducible: multi-threaded CPU GEMM may split sums differently from run to run, and on an
 * oversubscribed machine OpenMP spin-waiting made steps ~25× slower in our tests.
 *
 * <p>libtorch's thread count is an OpenMP setting of the <em>calling thread</em> (each thread starts,
 * on its first op, from the value any thread set last, then keeps its own), so each holder sets and
 * restores its own thread's value; two fits on two activity threads do not interfere. Must be closed
 * on the thread that opened it. A no-op on engines other than PyTorch.
 */
final class TorchThreadLimit implements AutoCloseable {

    private final int previousThreads;
    private final Thread owner;

    private TorchThreadLimit(int previousThreads) {
        this.previousThreads = previousThreads;
        this.owner = Thread.currentThread();
    }

    static TorchThreadLimit singleThreaded() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return new TorchThreadLimit(-1);
        }
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        return new TorchThreadLimit(previous);
    }

    @Override
    public void close() {
        if (previousThreads < 1) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("TorchThreadLimit opened on " + owner.getName() + " but closed on "
                    + Thread.currentThread().getName() + "; close it on the thread that opened it");
        }
        JniUtils.setNumThreads(previousThreads);
    }
}
