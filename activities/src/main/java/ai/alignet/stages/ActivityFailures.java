package ai.alignet.stages;

import ai.alignet.formats.InvalidInputException;
import ai.alignet.ml.distill.DistillStoppedException;
import ai.alignet.ml.distill.TrainingDivergedException;
import ai.alignet.pipeline.Preemptible;
import ai.alignet.storage.CorruptArtifactException;
import ai.alignet.storage.ObjectKeys;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The activity boundary: domain exceptions become Temporal failures with a stable type. Input that no
 * retry can fix is non-retryable; everything else is retried by the stage's policy.
 */
final class ActivityFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ActivityFailures.class);

    private ActivityFailures() {}

    static <T> T guard(Supplier<T> body) {
        try {
            return body.get();
        } catch (InvalidInputException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInputException.FAILURE_TYPE);
        } catch (ObjectKeys.InvalidKeyException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInputException.FAILURE_TYPE);
        } catch (CorruptArtifactException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "CorruptArtifact");
        } catch (TrainingDivergedException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "TrainingDiverged");
        } catch (DistillStoppedException e) {
            // Retryable by nature, but listed as non-retryable in the RetryOptions: the workflow retries
            // preemptions with their own budget (Preemptible).
            LOG.info("event=preempted step={}", e.step());
            throw ApplicationFailure.newFailure(e.getMessage(), Preemptible.FAILURE_TYPE);
        } catch (ApplicationFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw Activity.wrap(e);
        }
    }
}
