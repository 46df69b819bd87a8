package ai.alignet.storage;

/** Stored bytes do not match what their reference or manifest promises. Not worth retrying as is. */
public class CorruptArtifactException extends RuntimeException {

    private final String key;
    private final String expected;
    private final String actual;

    public CorruptArtifactException(String key, String expected, String actual) {
        super("artifact '" + key + "' is corrupt: expected " + expected + ", found " + actual
                + "; rewrite it from its producing stage or delete it so the stage re-runs");
        this.key = key;
        this.expected = expected;
        this.actual = actual;
    }

    public String key() {
        return key;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
