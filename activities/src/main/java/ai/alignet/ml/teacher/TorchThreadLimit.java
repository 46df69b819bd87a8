package ai.alignet.ml.teacher;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Runs libtorch single-threaded while held. The teacher's matrices are small (batch × 128 × 128), so
 * one thread is as fast as several, and it makes the fit bit-for-bit reproducible: multi-threaded
 * CPU GEMM may split sums differently from run to run, and on an oversubscribed machine OpenMP
 * spin-waiting made steps ~25× slower in our tests. The limit is process-wide, so it is reference
 * counted: the first holder saves the previous setting and the last one restores it. A no-op on
 * engines other than PyTorch.
 */
final class TorchThreadLimit implements AutoCloseable {

    private static final Object LOCK = new Object();
    private static int holders;
    private static int previousThreads;

    private final boolean active;

    private TorchThreadLimit(boolean active) {
        this.active = active;
    }

    static TorchThreadLimit singleThreaded() {
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return new TorchThreadLimit(false);
        }
        synchronized (LOCK) {
            if (holders++ == 0) {
                previousThreads = JniUtils.getNumThreads();
                JniUtils.setNumThreads(1);
            }
        }
        return new TorchThreadLimit(true);
    }

    @Override
    public void close() {
        if (!active) {
            return;
        }
        synchronized (LOCK) {
            if (--holders == 0) {
                JniUtils.setNumThreads(previousThreads);
            }
        }
    }
}
