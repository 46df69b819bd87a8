package ai.alignet.devstack;

import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.StoreConfig;
import java.nio.file.Path;
import java.util.Map;

/**
 * The embedded default: Temporal and an S3 server in this process, each on its real protocol on
 * 127.0.0.1. Used by {@code ./alignet demo} (free ports) and {@code ./alignet stack} (fixed ports).
 */
public final class DevStack implements AutoCloseable {

    /** Local-only credentials used when S3_ACCESS_KEY / S3_SECRET_KEY are not set (documented in the README). */
    public static final String DEFAULT_ACCESS_KEY = "alignet";

    public static final String DEFAULT_SECRET_KEY = "alignet-local-dev-secret";

    private final EmbeddedTemporalServer temporal;
    private final EmbeddedS3Server s3;
    private final String accessKey;
    private final String secretKey;

    private DevStack(EmbeddedTemporalServer temporal, EmbeddedS3Server s3, String accessKey, String secretKey) {
        this.temporal = temporal;
        this.s3 = s3;
        this.accessKey = accessKey;
        this.secretKey = secretKey;
    }

    public static DevStack start(int temporalPort, int s3Port, Path dataDir, Map<String, String> env) {
        String accessKey = env.getOrDefault("S3_ACCESS_KEY", DEFAULT_ACCESS_KEY);
        String secretKey = env.getOrDefault("S3_SECRET_KEY", DEFAULT_SECRET_KEY);
        EmbeddedS3Server s3 = EmbeddedS3Server.start(s3Port, dataDir.resolve("s3"), accessKey, secretKey);
        try {
            return new DevStack(EmbeddedTemporalServer.start(temporalPort), s3, accessKey, secretKey);
        } catch (RuntimeException e) {
            s3.close();
            throw e;
        }
    }

    public TemporalSettings temporalSettings() {
        return new TemporalSettings(temporal.address(), "default");
    }

    public StoreConfig storeConfig(String bucket) {
        return new StoreConfig(s3.endpoint(), accessKey, secretKey, bucket, "us-east-1");
    }

    public String temporalAddress() {
        return temporal.address();
    }

    public String s3Endpoint() {
        return s3.endpoint();
    }

    @Override
    public void close() {
        temporal.close();
        s3.close();
    }
}
