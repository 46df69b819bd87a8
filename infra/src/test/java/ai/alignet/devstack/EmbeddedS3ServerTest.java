package ai.alignet.devstack;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.storage.StoreConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddedS3ServerTest {

    @TempDir
    Path dataDir;

    @Test
    void servesArtifactsThatSurviveARestart() {
        byte[] bytes = "teacher.json".getBytes(StandardCharsets.UTF_8);
        ArtifactRef ref;
        try (EmbeddedS3Server s3 = EmbeddedS3Server.start(0, dataDir, "dev", "dev-secret");
             S3ArtifactStore store = new S3ArtifactStore(config(s3))) {
            assertThat(s3.endpoint()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
            store.ensureBucket();
            ref = store.put("runs/r1/teacher.json", bytes);
            assertThat(store.get(ref)).isEqualTo(bytes);
        }

        try (EmbeddedS3Server restarted = EmbeddedS3Server.start(0, dataDir, "dev", "dev-secret");
             S3ArtifactStore store = new S3ArtifactStore(config(restarted))) {
            assertThat(store.stat(ref.key())).contains(ref);
            assertThat(store.get(ref)).isEqualTo(bytes);
        }
    }

    private static StoreConfig config(EmbeddedS3Server s3) {
        return new StoreConfig(s3.endpoint(), "dev", "dev-secret", "alignet", "us-east-1");
    }
}
