package ai.alignet.formats;

/**
 * Input that no retry can fix: a malformed file, an out-of-range index, an undecodable image. The
 * message names the file, the record and the problem; activities turn it into a non-retryable
 * {@code InvalidInput} failure.
 */
public final class InvalidInputException extends RuntimeException {

    public static final String FAILURE_TYPE = "InvalidInput";

    public InvalidInputException(String message) {
        super(message);
    }

    public InvalidInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
