package ai.alignet.ml.labels;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets libtorch's intra-op thread count on the calling thread while held, and restores the previous
 * count on close. libtorch keeps this count as the OpenMP "nthreads" setting of the calling thread
 * (and MKL's thread-local count), so a count set on another thread — the worker's main thread, say —
 * does not apply here: whoever runs libtorch work sets it on its own thread. Must be closed on the
 * thread that opened it. A no-op on engines other than PyTorch.
 */
final class IntraOpThreads implements AutoCloseable {

    private final int previous;

    private IntraOpThreads(int previous) {
        this.previous = previous;
    }

    static IntraOpThreads use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if (!"PyTorch".equals(Engine.getInstance().getEngineName())) {
            return new IntraOpThreads(0);
        }
        int previous = JniUtils.getNumThreads();
        JniUtils.setNumThreads(threads);
        return new IntraOpThreads(previous);
    }

    @Override
    public void close() {
        if (previous > 0) {
            JniUtils.setNumThreads(previous);
        }
    }
}
