package ai.alignet.pipeline;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Every activity's timeouts and retries, in one place. */
public final class StagePolicies {

    /**
     * Failure types the server must not retry. The first four no retry can fix: the input or the
     * computation itself is wrong. {@code Preempted} is retried, but by the workflow ({@link Preemptible})
     * with its own budget, so that preemptions never spend the error attempts below.
     */
    public static final String[] NON_RETRYABLE = {
        "InvalidSpec", "InvalidInput", "CorruptArtifact", "TrainingDiverged", Preemptible.FAILURE_TYPE
    };

    // Real errors get a few tries with back-off: a flaky store or a lost worker recovers, a bug does not
    // loop for ever. Ten attempts with the 30 s cap ride out an object store or worker outage of about
    // four minutes.
    private static final RetryOptions ERROR_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(10)
            .setDoNotRetry(NON_RETRYABLE)
            .build();

    private StagePolicies() {}

    /** CPU work (world generation, clustering, labelling, reports): minutes at demo size, hours at paper size. */
    public static ActivityOptions cpu() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.CPU)
                // Long enough for paper-scale label generation; a hung worker is caught by the heartbeat.
                .setStartToCloseTimeout(Duration.ofHours(6))
                .setHeartbeatTimeout(Duration.ofMinutes(2))
                .setRetryOptions(ERROR_RETRIES)
                .build();
    }

    /** GPU work (embedding, teacher fit, distillation, evaluation). */
    public static ActivityOptions gpu() {
        return ActivityOptions.newBuilder()
                .setTaskQueue(TaskQueues.GPU)
                // Distillation at paper scale runs for a day; checkpoints bound the loss on a retry.
                .setStartToCloseTimeout(Duration.ofHours(36))
                // Workers heartbeat every few seconds; two silent minutes mean the worker is gone.
                .setHeartbeatTimeout(Duration.ofMinutes(2))
                .setRetryOptions(ERROR_RETRIES)
                .build();
    }

    /**
     * Distillation: GPU work that heartbeats every step and checkpoints, so a worker that dies (SIGKILL,
     * lost node) is noticed after a short silence and the attempt moves to another worker, which
     * resumes from the newest checkpoint. Other activities heartbeat rarely and keep the longer limit.
     */
    public static ActivityOptions distill() {
        return ActivityOptions.newBuilder(gpu())
                .setHeartbeatTimeout(Duration.ofSeconds(15))
                .build();
    }
}
