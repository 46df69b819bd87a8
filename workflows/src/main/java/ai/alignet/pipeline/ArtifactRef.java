package ai.alignet.pipeline;

/**
 * A pointer to one immutable object in the artifact store: what activities exchange instead of data.
 * Readers verify {@code sha256} and {@code size} before trusting the bytes.
 */
public record ArtifactRef(String key, String sha256, long size) {

    public ArtifactRef {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("artifact key must not be blank");
        }
        if (sha256 == null || !sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("artifact " + key + " needs a lowercase hex sha256, got " + sha256);
        }
        if (size < 0) {
            throw new IllegalArgumentException("artifact " + key + " has negative size " + size);
        }
    }
}
