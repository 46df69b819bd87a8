package ai.alignet.ml.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Sets libtorch's intra-op thread count on the calling thread while held, and restores that thread's
 * previous count on close. libtorch keeps the count as the OpenMP setting of the <em>calling
 * thread</em> (each thread starts, on its first op, from the value any thread set last, then keeps its
 * own), so a count set on another thread — the worker's main thread, say — does not apply here, and
 * two holders on two activity threads do not interfere. Must be closed on the thread that opened it.
 * A no-op on engines other than PyTorch.
 *
 * <p>One thread is what the teacher fit uses: its matrices are small, one thread is as fast as several,
 * and on an oversubscribed machine OpenMP spin-waiting made steps ~25× slower in our tests.
 */
public final class IntraOpThreads implements AutoCloseable {

    private final int previous;
    private final Thread owner;

    private IntraOpThreads(int previous) {
        this.previous = previous;
        this.owner = Thread.currentThread();
    }

    public static IntraOpThreads use(int threads) {
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
        if (previous < 1) {
            return;
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("IntraOpThreads opened on " + owner.getName() + " but closed on "
                    + Thread.currentThread().getName() + "; close it on the thread that opened it");
        }
        JniUtils.setNumThreads(previous);
    }
}
