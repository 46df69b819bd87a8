package ai.alignet.api;

import ai.alignet.testing.LocalPorts;
import ai.alignet.testing.S3ProxyServer;
import ai.alignet.testing.TemporalDevServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the control plane's tests run against: the real Temporal dev server (with its Web UI and the
 * run search attributes), an S3 server, and pipeline workers for every queue in this JVM.
 */
public class ControlPlaneStack implements QuarkusTestResourceLifecycleManager {

    public static final String TOKEN = "test-token-7f3a9c";
    static final String BUCKET = "alignet-api-test";

    private TemporalDevServer temporal;
    private S3ProxyServer s3;
    private AutoCloseable workers;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = Files.createTempDirectory("alignet-control-plane-test");
            int uiPort = LocalPorts.free();
            temporal = TemporalDevServer.start(dir.resolve("temporal"), "--ui-port", Integer.toString(uiPort));
            s3 = S3ProxyServer.startInMemory();
            workers = InProcessWorkers.startInSystemClassLoader(temporal.address(), s3.endpoint(),
                    S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, BUCKET);
            return Map.of(
                    "TEMPORAL_ADDRESS", temporal.address(),
                    "S3_ENDPOINT", s3.endpoint(),
                    "S3_ACCESS_KEY", S3ProxyServer.ACCESS_KEY,
                    "S3_SECRET_KEY", S3ProxyServer.SECRET_KEY,
                    "ALIGNET_BUCKET", BUCKET,
                    "ALIGNET_API_TOKEN", TOKEN,
                    "alignet.test.temporal-ui", "http://127.0.0.1:" + uiPort);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        if (workers != null) {
            try {
                workers.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot stop the in-process workers", e);
            }
        }
        if (s3 != null) {
            s3.close();
        }
        if (temporal != null) {
            temporal.close();
        }
    }
}
