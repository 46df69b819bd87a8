package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.testing.S3ProxyServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ManifestStoreTest {

    private static S3ProxyServer s3;
    private static S3ArtifactStore store;
    private static ManifestStore manifests;

    @BeforeAll
    static void startServer() {
        s3 = S3ProxyServer.startInMemory();
        store = new S3ArtifactStore(s3.storeConfig("manifests"));
        store.ensureBucket();
        manifests = new ManifestStore(store);
    }

    @AfterAll
    static void stopServer() {
        store.close();
        s3.close();
    }

    private static String run() {
        return "runs/" + UUID.randomUUID() + "/";
    }

    private static ArtifactManifest manifestOf(Map<String, ArtifactRef> files) {
        return new ArtifactManifest("embeddings", "embed", "wf-42", files,
                Map.of("codeVersion", "abc123", "dtype", "float16"));
    }

    @Test
    void jsonRoundTripKeepsEverything() {
        ArtifactManifest manifest = manifestOf(Map.of(
                "shard-0", new ArtifactRef("runs/x/shard-0", "a".repeat(64), 10),
                "shard-1", new ArtifactRef("runs/x/shard-1", "b".repeat(64), 20)));

        byte[] json = manifest.toJson();

        assertThat(ArtifactManifest.fromJson(json)).isEqualTo(manifest);
        assertThat(new String(json, StandardCharsets.UTF_8)).contains("\"producerStage\":\"embed\"");
        assertThat(manifestOf(Map.of(
                "shard-1", new ArtifactRef("runs/x/shard-1", "b".repeat(64), 20),
                "shard-0", new ArtifactRef("runs/x/shard-0", "a".repeat(64), 10))).toJson())
                .as("same content, same bytes, whatever the map order")
                .isEqualTo(json);
    }

    @Test
    void invalidJsonIsRejectedWithAReason() {
        assertThatThrownBy(() -> ArtifactManifest.fromJson("{\"kind\":".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid artifact manifest");
    }

    @Test
    void writesAndReadsAManifestWhoseFilesAreIntact() {
        String run = run();
        ArtifactRef shard = store.put(run + "shard-0", new byte[] {1, 2, 3});
        ArtifactManifest manifest = manifestOf(Map.of("shard-0", shard));

        ArtifactRef written = manifests.write(run + "manifest.json", manifest);

        assertThat(store.stat(run + "manifest.json")).contains(written);
        assertThat(manifests.read(run + "manifest.json")).contains(manifest);
    }

    @Test
    void absentManifestReadsAsEmpty() {
        assertThat(manifests.read(run() + "manifest.json")).isEmpty();
    }

    @Test
    void refusesToPublishAManifestBeforeItsFiles() {
        String run = run();
        ArtifactRef notYetWritten = new ArtifactRef(run + "shard-0", "c".repeat(64), 3);

        assertThatThrownBy(() -> manifests.write(run + "manifest.json", manifestOf(Map.of("shard-0", notYetWritten))))
                .isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining(run + "shard-0");
        assertThat(store.stat(run + "manifest.json")).isEmpty();
    }

    @Test
    void manifestWithAMissingFileIsCorrupt() {
        String run = run();
        ArtifactRef shard0 = store.put(run + "shard-0", new byte[] {1});
        ArtifactRef shard1 = store.put(run + "shard-1", new byte[] {2});
        manifests.write(run + "manifest.json", manifestOf(Map.of("shard-0", shard0, "shard-1", shard1)));
        store.delete(shard1.key());

        assertThatThrownBy(() -> manifests.read(run + "manifest.json"))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(run + "manifest.json")
                .hasMessageContaining(shard1.key());
    }

    @Test
    void manifestWhoseFileWasReplacedIsCorrupt() {
        String run = run();
        ArtifactRef shard = store.put(run + "shard-0", new byte[] {1});
        manifests.write(run + "manifest.json", manifestOf(Map.of("shard-0", shard)));
        store.put(shard.key(), new byte[] {1, 1});

        assertThatThrownBy(() -> manifests.read(run + "manifest.json"))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(shard.key())
                .hasMessageContaining(shard.sha256());
    }
}
