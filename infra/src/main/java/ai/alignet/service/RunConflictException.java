package ai.alignet.service;

/** The run exists but is in a state where the request makes no sense (e.g. cancel a finished run). */
public final class RunConflictException extends RuntimeException {

    public RunConflictException(String message) {
        super(message);
    }
}
