package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.testing.LocalPorts;
import ai.alignet.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The store contract against an in-process S3 server (S3Proxy, in memory). */
class S3ArtifactStoreTest extends ArtifactStoreContract {

    private static S3ProxyServer s3;

    @BeforeAll
    static void startServer() {
        s3 = S3ProxyServer.startInMemory();
    }

    @AfterAll
    static void stopServer() {
        s3.close();
    }

    @Override
    StoreConfig serverConfig(String bucket) {
        return s3.storeConfig(bucket);
    }

    @Test
    void unreachableServerIsReportedAsRetryableWithoutTheSecret() {
        String endpoint = "http://127.0.0.1:" + LocalPorts.free();
        StoreConfig nowhere = new StoreConfig(endpoint, "key", "very-secret-value", "alignet", "us-east-1");

        try (S3ArtifactStore offline = new S3ArtifactStore(nowhere)) {
            assertThatThrownBy(() -> offline.stat("runs/r1/x"))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(endpoint)
                    .hasMessageContaining("runs/r1/x")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("very-secret-value"));
        }
    }

    @Test
    void missingBucketIsAServerProblemNotAMissingArtifact() {
        try (S3ArtifactStore noBucket = new S3ArtifactStore(s3.storeConfig("never-created"))) {
            assertThatThrownBy(() -> noBucket.get(new ArtifactRef("x", "0".repeat(64), 1)))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("never-created");
        }
    }
}
