package ai.alignet.storage;

/**
 * The object store failed or could not be reached. Retryable: the same call may succeed later.
 * The message names endpoint, bucket and key, never credentials.
 */
public class StoreUnavailableException extends RuntimeException {

    private final String endpoint;
    private final String key;

    public StoreUnavailableException(String endpoint, String bucket, String action, String key, Throwable cause) {
        super("object store " + endpoint + " (bucket '" + bucket + "') failed to " + action
                + (key == null ? "" : " '" + key + "'") + ": " + describe(cause), cause);
        this.endpoint = endpoint;
        this.key = key;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    public String endpoint() {
        return endpoint;
    }

    /** The key being worked on, or null for bucket-level calls. */
    public String key() {
        return key;
    }
}
