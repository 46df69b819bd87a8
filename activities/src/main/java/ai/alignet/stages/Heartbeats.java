package ai.alignet.stages;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Heartbeats with a small progress record. Outside an activity (plain tests of the stage code) there
 * is no execution context, and a heartbeat is simply skipped.
 */
final class Heartbeats {

    /** What a heartbeat carries: the stage and how many units of it are done. */
    record Beat(String stage, int done) {}

    /** A running keep-alive; closing it stops the beats. */
    interface KeepAlive extends AutoCloseable {
        @Override
        void close();
    }

    /** Well inside the 2-minute heartbeat timeout of the CPU and GPU stages (and the 15 s of distillation). */
    static final Duration KEEP_ALIVE_PERIOD = Duration.ofSeconds(5);

    private static final ThreadLocal<AtomicReference<Beat>> LAST = ThreadLocal.withInitial(AtomicReference::new);
    private static final ScheduledExecutorService KEEP_ALIVE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "alignet-heartbeat-keep-alive");
        t.setDaemon(true);
        return t;
    });

    private Heartbeats() {}

    static void beat(String stage, int done) {
        Beat beat = new Beat(stage, done);
        LAST.get().set(beat);
        try {
            Activity.getExecutionContext().heartbeat(beat);
        } catch (ActivityWorkerShutdownException draining) {
            // This worker is draining: the activity finds out through its PreemptionSignal, checkpoints
            // and gives the attempt up as Preempted; failing here would spend an error attempt instead.
        } catch (ActivityCompletionException e) {
            // The server says this attempt is over (cancelled or timed out): stop working on it.
            throw e;
        } catch (IllegalStateException | NullPointerException notInActivity) {
            // called outside an activity
        }
    }

    /**
     * Keeps the calling activity's heartbeat going while its thread is inside one long call that
     * cannot beat itself (k-means over a corpus, embedding a large shard, scoring millions of
     * triplets): every {@link #KEEP_ALIVE_PERIOD} it repeats the activity's last beat (or
     * {@code (stage, 0)}). A dead worker process still stops beating at once; what this gives up is
     * noticing a thread hung inside the call. Close it when the call returns.
     */
    static KeepAlive keepAlive(String stage) {
        return keepAlive(stage, KEEP_ALIVE_PERIOD);
    }

    static KeepAlive keepAlive(String stage, Duration every) {
        ActivityExecutionContext context;
        try {
            context = Activity.getExecutionContext();
        } catch (IllegalStateException | NullPointerException notInActivity) {
            return () -> {};
        }
        AtomicReference<Beat> last = LAST.get();
        last.compareAndSet(null, new Beat(stage, 0));
        long period = every.toMillis();
        AtomicReference<ScheduledFuture<?>> task = new AtomicReference<>();
        task.set(KEEP_ALIVE.scheduleAtFixedRate(() -> {
            try {
                context.heartbeat(last.get());
            } catch (RuntimeException over) {
                // Cancelled, timed out or draining: the activity's own thread finds out at its next beat
                // or when it completes; this helper just stops.
                ScheduledFuture<?> self = task.get();
                if (self != null) {
                    self.cancel(false);
                }
            }
        }, period, period, TimeUnit.MILLISECONDS));
        return () -> task.get().cancel(false);
    }
}
