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
 * <p>Every stage computation runs under {@link #configuredCount()} (see StageCache): without that, an
 * activity thread would keep whatever count was current when it made its first op — 1 if a teacher fit
 * or k-means on another thread held it then — for the rest of the worker's life.
 *
 * <p>One thread is what the teacher fit uses: its matrices are small, one thread is as fast as several,
 * and on an oversubscribed machine OpenMP spin-waiting made steps ~25× slower in our tests.
 */
public final class IntraOpThreads implements AutoCloseable {

    /** The system property DJL reads for libtorch's thread count; the launcher sets it from ALIGNET_TORCH_THREADS. */
    public static final String PROPERTY = "ai.djl.pytorch.num_threads";

    private final int previous;
    private final Thread owner;

    private IntraOpThreads(int previous) {
        this.previous = previous;
        this.owner = Thread.currentThread();
    }

    /**
     * The worker's intra-op thread count: {@value #PROPERTY} when set, otherwise the CPUs the JVM may
     * use. The JVM counts a container's CPU limit, OpenMP does not (it would start one thread per CPU
     * of the node, then spin-wait for cores the pod does not have).
     */
    public static int configuredCount() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return Runtime.getRuntime().availableProcessors();
        }
        try {
            int threads = Integer.parseInt(value.trim());
            if (threads >= 1) {
                return threads;
            }
        } catch (NumberFormatException e) {
            // falls through to the error below
        }
        throw new IllegalArgumentException("-D" + PROPERTY + "=" + value + " is not a thread count; set it (or "
                + "ALIGNET_TORCH_THREADS) to a whole number >= 1, or leave it unset to use every CPU the JVM sees");
    }

    /** {@link #use(int)} with {@link #configuredCount()}. */
    public static IntraOpThreads useConfigured() {
        return use(configuredCount());
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
