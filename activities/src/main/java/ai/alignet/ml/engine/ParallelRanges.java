package ai.alignet.ml.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs numbered ranges of work on a fixed number of threads, the calling thread included: each thread
 * takes the next range when it finishes one, so a thread the OS descheduled holds up one range, not a
 * whole share. With one thread everything runs on the caller, in range order. Helper threads are daemons
 * made when the runner is opened and stopped when it is closed; hold one for as long as the work repeats
 * (a k-means fit), or open one per call where the call is long (label scoring).
 *
 * <p>Callers keep results independent of the thread count by writing each range's results to places no
 * other range touches, and by combining them afterwards in a fixed order.
 */
public final class ParallelRanges implements AutoCloseable {

    private static final AtomicInteger THREADS_MADE = new AtomicInteger();

    /** Runs everything on the calling thread; needs no closing. */
    public static final ParallelRanges INLINE = new ParallelRanges(1, null, "inline");

    private final int threads;
    private final ExecutorService helpers;
    private final String task;

    private ParallelRanges(int threads, ExecutorService helpers, String task) {
        this.threads = threads;
        this.helpers = helpers;
        this.task = task;
    }

    /** A runner on {@code threads} threads (≥ 1) whose helpers are named after {@code task}. */
    public static ParallelRanges open(int threads, String task) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads + "; use 1 to run on the calling thread");
        }
        ExecutorService helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, runnable -> {
            Thread thread = new Thread(runnable, task + "-" + THREADS_MADE.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        return new ParallelRanges(threads, helpers, task);
    }

    /** Work on the indices [from, to) of one slice. */
    @FunctionalInterface
    public interface Slice {
        void accept(int from, int to);
    }

    /**
     * {@link #forEach} over [0, length) cut into slices of {@code sliceLength} (the last one shorter):
     * {@code slice.accept(from, to)} once for each.
     */
    public void forEachSlice(int length, int sliceLength, Slice slice) {
        if (sliceLength < 1) {
            throw new IllegalArgumentException("sliceLength must be >= 1, got " + sliceLength);
        }
        forEach((length + sliceLength - 1) / sliceLength, r -> {
            int from = r * sliceLength;
            slice.accept(from, Math.min(length, from + sliceLength));
        });
    }

    /** The threads this runner uses, the caller's included. */
    public int threads() {
        return threads;
    }

    /**
     * Calls {@code range.accept(r)} once for each r in [0, ranges) and returns when all have run; what they
     * wrote is then visible to the caller. The first failure is rethrown (a RuntimeException or Error as
     * it was) after the other threads have stopped taking ranges.
     */
    public void forEach(int ranges, IntConsumer range) {
        int helping = Math.min(threads, ranges) - 1;
        if (helping <= 0) {
            for (int r = 0; r < ranges; r++) {
                range.accept(r);
            }
            return;
        }
        AtomicInteger nextRange = new AtomicInteger();
        Runnable worker = () -> {
            for (int r = nextRange.getAndIncrement(); r < ranges; r = nextRange.getAndIncrement()) {
                range.accept(r);
            }
        };
        List<Future<?>> running = new ArrayList<>(helping);
        for (int h = 0; h < helping; h++) {
            running.add(helpers.submit(worker));
        }
        Throwable failure = null;
        try {
            worker.run();
        } catch (RuntimeException | Error e) {
            nextRange.set(ranges); // the helpers stop after their current range
            failure = e;
        }
        for (Future<?> helper : running) {
            try {
                helper.get(); // also makes the helper's writes visible to this thread
            } catch (InterruptedException e) {
                nextRange.set(ranges);
                Thread.currentThread().interrupt();
                throw new CancellationException(task + " was interrupted");
            } catch (ExecutionException e) {
                nextRange.set(ranges);
                failure = failure != null ? failure : e.getCause();
            }
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        if (failure != null) {
            throw new IllegalStateException(task + " failed", failure);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
        }
    }
}
