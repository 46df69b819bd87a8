package ai.alignet.devstack;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The embedded dev stack's object store: a real S3 server (S3Proxy) in this process, on
 * 127.0.0.1, keeping its objects under a local folder (one sub-folder per bucket) so they survive
 * restarts. Clients reach it over HTTP like any S3 server, so the same code runs in production.
 */
public final class EmbeddedS3Server implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final S3Proxy proxy;
    private final String endpoint;

    private EmbeddedS3Server(S3Proxy proxy, String endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /**
     * Starts the server and returns once it accepts requests.
     *
     * @param port      TCP port on 127.0.0.1; 0 picks a free one (see {@link #endpoint()})
     * @param dataDir   folder holding the buckets; created if missing
     * @param accessKey access key clients sign with (AWS signature v2 or v4)
     * @param secretKey secret key clients sign with; never logged
     */
    public static EmbeddedS3Server start(int port, Path dataDir, String accessKey, String secretKey) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("S3 port must be 0 (any free port) or 1-65535, got " + port);
        }
        if (accessKey == null || accessKey.isBlank() || secretKey == null || secretKey.isBlank()) {
            throw new IllegalArgumentException("embedded S3 server needs a non-blank access key and secret key");
        }
        Path root = dataDir.toAbsolutePath();
        try {
            Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the S3 data folder " + root, e);
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(new FilesystemNio2BlobStore(root.toString()))
                .endpoint(URI.create("http://127.0.0.1:" + port))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        try {
            proxy.start();
            Instant deadline = Instant.now().plus(START_TIMEOUT);
            while (!"STARTED".equals(proxy.getState())) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("state " + proxy.getState() + " after " + START_TIMEOUT);
                }
                Thread.sleep(10);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("cannot start the embedded S3 server on 127.0.0.1:" + port + " over "
                    + root + " (" + e.getMessage() + "); if the port is taken, pick another or 0 for any", e);
        }
        return new EmbeddedS3Server(proxy, "http://127.0.0.1:" + proxy.getPort());
    }

    /** Base URL for S3 clients, e.g. {@code http://127.0.0.1:43121}. */
    public String endpoint() {
        return endpoint;
    }

    public int port() {
        return URI.create(endpoint).getPort();
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the embedded S3 server at " + endpoint, e);
        }
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // start already failed; that failure is the one worth reporting
        }
    }
}
