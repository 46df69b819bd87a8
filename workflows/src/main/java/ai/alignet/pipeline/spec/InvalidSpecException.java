package ai.alignet.pipeline.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that cannot run. Lists every bad field at once so a user fixes them in one pass. */
public final class InvalidSpecException extends RuntimeException {

    /** The stable failure type used for the non-retryable Temporal failure. */
    public static final String FAILURE_TYPE = "InvalidSpec";

    private final List<FieldError> errors;

    public InvalidSpecException(List<FieldError> errors) {
        super(describe(errors));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    private static String describe(List<FieldError> errors) {
        return "invalid pipeline spec, " + errors.size() + (errors.size() == 1 ? " problem" : " problems") + ":\n"
                + errors.stream().map(e -> "  - " + e).collect(Collectors.joining("\n"))
                + "\nFix these fields and start the run again (docs/spec-reference.md lists every field).";
    }
}
