package ai.alignet.runtime;

import io.temporal.client.WorkflowException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;

/** The readable part of a Temporal failure chain, for users of the CLI and the control plane. */
public final class FailureMessages {

    private FailureMessages() {}

    /**
     * The innermost message of the chain, prefixed by its failure type where it is an application
     * failure (e.g. {@code InvalidSpec: invalid pipeline spec, 2 problems: ...}).
     */
    public static String innermost(Throwable failure) {
        Throwable t = failure;
        String message = failure.getMessage();
        while (t != null) {
            if (t instanceof ApplicationFailure af) {
                message = af.getType() + ": " + af.getOriginalMessage();
            } else if (t instanceof TemporalFailure tf && !(t instanceof WorkflowException)) {
                message = tf.getOriginalMessage();
            }
            t = t.getCause();
        }
        return message;
    }
}
