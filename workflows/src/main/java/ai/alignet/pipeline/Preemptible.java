package ai.alignet.pipeline;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * Retries an activity call whose attempt was preempted (its worker drained on SIGTERM after saving a
 * checkpoint). The activity's RetryOptions list {@code Preempted} as non-retryable, so the server
 * hands the failure to the workflow and this loop owns those retries: preemptions spend their own
 * budget, never the error attempts. Deterministic: it branches only on recorded activity results.
 */
public final class Preemptible {

    /** The failure type a drained worker reports for an attempt it gave up. */
    public static final String FAILURE_TYPE = "Preempted";

    /** Spot capacity can be reclaimed many times over a multi-day run; each time costs one checkpoint interval. */
    public static final int DEFAULT_BUDGET = 20;

    private static final Duration RETRY_DELAY = Duration.ofSeconds(5);

    private static final Logger LOG = Workflow.getLogger(Preemptible.class);

    private final int budget;

    public Preemptible(int budget) {
        if (budget < 0) {
            throw new IllegalArgumentException("preemption budget must be >= 0, got " + budget);
        }
        this.budget = budget;
    }

    public Preemptible() {
        this(DEFAULT_BUDGET);
    }

    /** Calls {@code activity} until it returns, fails for another reason, or has been preempted {@code budget} times. */
    public <T> T call(String what, Supplier<T> activity) {
        for (int preemptions = 0; ; preemptions++) {
            try {
                return activity.get();
            } catch (ActivityFailure failure) {
                if (!isPreemption(failure) || preemptions >= budget) {
                    throw failure;
                }
                LOG.info("event=preempted_retry activity={} preemptions={} budget={}", what, preemptions + 1, budget);
                // A draining worker may still hold a poll for a few seconds; retrying at once could hand the
                // work straight back to it.
                Workflow.sleep(RETRY_DELAY);
            }
        }
    }

    static boolean isPreemption(ActivityFailure failure) {
        return failure.getCause() instanceof ApplicationFailure af && FAILURE_TYPE.equals(af.getType());
    }
}
