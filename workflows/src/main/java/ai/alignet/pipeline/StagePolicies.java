package ai.alignet.pipeline;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import java.time.Duration;

/** Every activity's timeouts and retries, in one place. */
public final class StagePolicies {

    /** Failure types that no retry can fix: the input or the computation itself is wrong. */
    public static final String[] NON_RETRYABLE = {
        "InvalidSpec", "InvalidInput", "CorruptArtifact", "TrainingDiverged"
    };

    // Real errors get a few tries with back-off: a flaky store or a lost worker recovers, a bug does not
    // loop for ever.
    private static final RetryOptions ERROR_RETRIES = RetryOptions.newBuilder()
            .setInitialInterval(Duration.ofSeconds(1))
            .setBackoffCoefficient(2.0)
            .setMaximumInterval(Duration.ofSeconds(30))
            .setMaximumAttempts(6)
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
}
