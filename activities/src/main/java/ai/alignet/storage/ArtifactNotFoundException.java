package ai.alignet.storage;

/** No object exists under the requested key. */
public class ArtifactNotFoundException extends RuntimeException {

    private final String key;

    public ArtifactNotFoundException(String key, String where) {
        super("artifact '" + key + "' does not exist in " + where);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
