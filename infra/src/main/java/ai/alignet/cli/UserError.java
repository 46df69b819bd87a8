package ai.alignet.cli;

/** A problem the user can fix (bad option, missing file): printed as one message, exit code 2. */
final class UserError extends RuntimeException {

    UserError(String message) {
        super(message);
    }
}
