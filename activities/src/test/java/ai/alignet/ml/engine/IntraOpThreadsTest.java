package ai.alignet.ml.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * libtorch's thread count belongs to the calling thread: two threads holding the limit at the same
 * time each run single-threaded and each get their own setting back, whatever order they close in.
 */
class IntraOpThreadsTest {

    @Test
    void eachThreadIsLimitedAndRestoredIndependently() throws Exception {
        Engine.getInstance();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch bothHold = new CountDownLatch(2);
        CountDownLatch firstClosed = new CountDownLatch(1);
        try {
            Future<int[]> first = pool.submit(() -> {
                initialiseThisThread();
                JniUtils.setNumThreads(3);
                int inside;
                try (IntraOpThreads limit = IntraOpThreads.use(1)) {
                    bothHold.countDown();
                    bothHold.await();
                    inside = JniUtils.getNumThreads();
                }
                firstClosed.countDown();
                return new int[] {inside, JniUtils.getNumThreads()};
            });
            Future<int[]> second = pool.submit(() -> {
                initialiseThisThread();
                JniUtils.setNumThreads(2);
                int inside;
                int afterOtherClosed;
                try (IntraOpThreads limit = IntraOpThreads.use(1)) {
                    bothHold.countDown();
                    firstClosed.await();
                    inside = JniUtils.getNumThreads();
                    afterOtherClosed = inside;
                }
                return new int[] {afterOtherClosed, JniUtils.getNumThreads()};
            });
            assertThat(first.get()).containsExactly(1, 3);
            assertThat(second.get()).as("still single-threaded after the other holder closed, then its own 2 back")
                    .containsExactly(1, 2);
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A stage's thread starts from whatever count was current at its first op (here: 1, as if a teacher
     * fit held it on another thread then); the configured count replaces it while held.
     */
    @Test
    void configuredCountReplacesWhatTheThreadInherited() throws Exception {
        Engine.getInstance();
        String saved = System.getProperty(IntraOpThreads.PROPERTY);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            System.setProperty(IntraOpThreads.PROPERTY, "2");
            int[] seen = pool.submit(() -> {
                initialiseThisThread();
                JniUtils.setNumThreads(1);
                int inside;
                try (IntraOpThreads threads = IntraOpThreads.useConfigured()) {
                    inside = JniUtils.getNumThreads();
                }
                return new int[] {inside, JniUtils.getNumThreads()};
            }).get();
            assertThat(seen).containsExactly(2, 1);
        } finally {
            pool.shutdownNow();
            restore(saved);
        }
    }

    @Test
    void configuredCountIsThePropertyOrElseTheCpusTheJvmSees() {
        String saved = System.getProperty(IntraOpThreads.PROPERTY);
        try {
            System.setProperty(IntraOpThreads.PROPERTY, " 3 ");
            assertThat(IntraOpThreads.configuredCount()).isEqualTo(3);
            System.clearProperty(IntraOpThreads.PROPERTY);
            assertThat(IntraOpThreads.configuredCount()).isEqualTo(Runtime.getRuntime().availableProcessors());
            for (String bad : new String[] {"0", "-2", "four"}) {
                System.setProperty(IntraOpThreads.PROPERTY, bad);
                assertThatThrownBy(IntraOpThreads::configuredCount)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("-Dai.djl.pytorch.num_threads=" + bad)
                        .hasMessageContaining("ALIGNET_TORCH_THREADS");
            }
        } finally {
            restore(saved);
        }
    }

    private static void restore(String saved) {
        if (saved == null) {
            System.clearProperty(IntraOpThreads.PROPERTY);
        } else {
            System.setProperty(IntraOpThreads.PROPERTY, saved);
        }
    }

    /**
     * libtorch initialises a thread's setting lazily, on its first thread query or parallel op, from the
     * value set last by any thread; done after our own set, it would overwrite it. Worker threads have
     * long been initialised by their first op when they fit a teacher; fresh pool threads here are not.
     */
    private static void initialiseThisThread() {
        JniUtils.getNumThreads();
    }
}
