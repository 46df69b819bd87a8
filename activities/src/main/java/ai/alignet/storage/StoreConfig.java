package ai.alignet.storage;

import java.util.Map;

/**
 * Where the artifact store lives and how to sign in. Built from the environment (k8s Secrets), never
 * from workflow inputs; {@link #toString()} masks the secret so the config can be logged.
 */
public record StoreConfig(String endpoint, String accessKey, String secretKey, String bucket, String region) {

    public static final String DEFAULT_BUCKET = "alignet";
    public static final String DEFAULT_REGION = "us-east-1";

    public StoreConfig {
        requireText(endpoint, "endpoint");
        requireText(accessKey, "accessKey");
        requireText(secretKey, "secretKey");
        requireText(bucket, "bucket");
        requireText(region, "region");
    }

    /**
     * Reads S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY (required), ALIGNET_BUCKET (default
     * {@value #DEFAULT_BUCKET}) and S3_REGION (default {@value #DEFAULT_REGION}).
     *
     * @throws IllegalArgumentException naming the first missing variable and how to set it
     */
    public static StoreConfig fromEnvironment(Map<String, String> env) {
        return new StoreConfig(
                required(env, "S3_ENDPOINT", "the S3 server URL, e.g. export S3_ENDPOINT=http://127.0.0.1:8333"),
                required(env, "S3_ACCESS_KEY", "the S3 access key id, e.g. export S3_ACCESS_KEY=alignet"),
                required(env, "S3_SECRET_KEY", "the S3 secret key, e.g. export S3_SECRET_KEY=... (from a k8s Secret)"),
                optional(env, "ALIGNET_BUCKET", DEFAULT_BUCKET),
                optional(env, "S3_REGION", DEFAULT_REGION));
    }

    private static String required(Map<String, String> env, String name, String howToSet) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(
                    "environment variable " + name + " is not set: set it to " + howToSet);
        }
        return value.trim();
    }

    private static String optional(Map<String, String> env, String name, String defaultValue) {
        String value = env.get(name);
        return value == null || value.isBlank() ? defaultValue : value.trim();
    }

    private static void requireText(String value, String component) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("store config needs a non-blank " + component);
        }
    }

    @Override
    public String toString() {
        return "StoreConfig[endpoint=" + endpoint + ", accessKey=" + accessKey + ", secretKey=****, bucket="
                + bucket + ", region=" + region + "]";
    }
}
