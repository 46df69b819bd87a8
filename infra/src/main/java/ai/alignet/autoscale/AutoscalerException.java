package ai.alignet.autoscale;

/** The autoscaler cannot observe or change its pool; the message says which object and what to check. */
public final class AutoscalerException extends RuntimeException {

    public AutoscalerException(String message, Throwable cause) {
        super(message, cause);
    }
}
