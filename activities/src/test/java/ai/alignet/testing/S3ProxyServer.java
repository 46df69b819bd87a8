package ai.alignet.testing;

import ai.alignet.storage.StoreConfig;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real S3 server in this JVM (S3Proxy) on 127.0.0.1 and a free port, for tests:
 * {@code try (var s3 = S3ProxyServer.startInMemory()) { ... s3.storeConfig("bucket") ... }}.
 */
public final class S3ProxyServer implements AutoCloseable {

    public static final String ACCESS_KEY = "test-access";
    public static final String SECRET_KEY = "test-secret-0123456789";

    private final S3Proxy proxy;
    private final String endpoint;

    private S3ProxyServer(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /** Objects live in memory and vanish on {@link #close()}. */
    public static S3ProxyServer startInMemory() {
        return start(new TransientNio2BlobStore());
    }

    /** Objects live under {@code dataDir} (one folder per bucket) and survive restarts. */
    public static S3ProxyServer startOnDisk(Path dataDir) {
        try {
            Files.createDirectories(dataDir);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create S3Proxy data folder " + dataDir, e);
        }
        return start(new FilesystemNio2BlobStore(dataDir.toAbsolutePath().toString()));
    }

    private static S3ProxyServer start(BlobStore blobStore) {
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(blobStore)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("S3Proxy did not start within 30 s, state " + proxy.getState());
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy: " + e, e);
        }
        return new S3ProxyServer(proxy, "http://127.0.0.1:" + proxy.getPort());
    }

    public String endpoint() {
        return endpoint;
    }

    public StoreConfig storeConfig(String bucket) {
        return new StoreConfig(endpoint, ACCESS_KEY, SECRET_KEY, bucket, StoreConfig.DEFAULT_REGION);
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy at " + endpoint, e);
        }
    }
}
