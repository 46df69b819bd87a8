package ai.alignet.storage;

import ai.alignet.testing.SeaweedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/**
 * The store contract against a real SeaweedFS server (the development/CI object store).
 * Needs the {@code weed} binary: run {@code .ci/install-servers}. Fails, never skips, without it.
 */
class S3ArtifactStoreSeaweedIT extends ArtifactStoreContract {

    @TempDir
    static Path seaweedData;

    private static SeaweedServer seaweed;

    @BeforeAll
    static void startServer() {
        seaweed = SeaweedServer.start(seaweedData);
    }

    @AfterAll
    static void stopServer() {
        if (seaweed != null) {
            seaweed.close();
        }
    }

    @Override
    StoreConfig serverConfig(String bucket) {
        return seaweed.storeConfig(bucket);
    }
}
