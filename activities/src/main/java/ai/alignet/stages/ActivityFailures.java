package ai.alignet.stages;

import ai.alignet.formats.InvalidInputException;
import ai.alignet.ml.distill.TrainingDivergedException;
import ai.alignet.storage.CorruptArtifactException;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Supplier;

/**
 * The activity boundary: domain exceptions become Temporal failures with a stable type. Input that no
 * retry can fix is non-retryable; everything else is retried by the stage's policy.
 */
final class ActivityFailures {

    private ActivityFailures() {}

    static <T> T guard(Supplier<T> body) {
        try {
            return body.get();
        } catch (InvalidInputException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidInputException.FAILURE_TYPE);
        } catch (CorruptArtifactException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "CorruptArtifact");
        } catch (TrainingDivergedException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), "TrainingDiverged");
        } catch (ApplicationFailure e) {
            throw e;
        } catch (RuntimeException e) {
            throw Activity.wrap(e);
        }
    }
}
