package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What every {@link ArtifactStore} on a real S3 server must do; subclasses say which server.
 * Each test gets a fresh bucket so tests never see each other's objects.
 */
abstract class ArtifactStoreContract {

    private static final AtomicInteger BUCKETS = new AtomicInteger();

    @TempDir
    Path temp;

    StoreConfig config;
    S3ArtifactStore store;
    MinioClient raw;

    /** Server under test, for a bucket that may not exist yet. */
    abstract StoreConfig serverConfig(String bucket);

    @BeforeEach
    void createBucket() {
        config = serverConfig("alignet-test-" + ProcessHandle.current().pid() + "-" + BUCKETS.incrementAndGet());
        store = new S3ArtifactStore(config);
        store.ensureBucket();
        raw = MinioClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).build();
    }

    @AfterEach
    void closeClients() throws Exception {
        store.close();
        raw.close();
    }

    @Test
    void roundTripsBytesWithTheirDigest() {
        byte[] bytes = "triplets 0 1 2".getBytes(StandardCharsets.UTF_8);

        ArtifactRef ref = store.put("runs/r1/labels/shard-0.bin", bytes);

        assertThat(ref).isEqualTo(new ArtifactRef("runs/r1/labels/shard-0.bin", Sha256.of(bytes), bytes.length));
        assertThat(store.get(ref)).isEqualTo(bytes);
        assertThat(store.stat(ref.key())).contains(ref);
    }

    @Test
    void roundTripsALargeFileThroughMultipartUpload() throws Exception {
        byte[] content = new byte[PartUploads.DEFAULT.partSize() + 12345]; // two parts
        new Random(42).nextBytes(content);
        Path file = Files.write(temp.resolve("embeddings.f16"), content);

        ArtifactRef ref = store.put("runs/r1/embed/shard-0.f16", file);
        Path target = temp.resolve("out/shard-0.f16");
        store.download(ref, target);

        assertThat(ref.size()).isEqualTo(content.length);
        assertThat(ref.sha256()).isEqualTo(Sha256.of(content));
        assertThat(store.stat(ref.key())).contains(ref);
        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        try (var leftovers = Files.list(target.getParent())) {
            assertThat(leftovers).containsExactly(target);
        }
    }

    @Test
    void aPutOfBytesReplacesThePreviousObjectWithItsOwnDigest() {
        ArtifactRef first = store.put("runs/r1/outcome.json", "{\"step\": 1}".getBytes(StandardCharsets.UTF_8));
        byte[] second = "{\"step\": 20}".getBytes(StandardCharsets.UTF_8);

        ArtifactRef replaced = store.put("runs/r1/outcome.json", second);

        assertThat(replaced).isNotEqualTo(first);
        assertThat(store.stat("runs/r1/outcome.json")).contains(replaced);
        assertThat(store.get(replaced)).isEqualTo(second);
        assertThatThrownBy(() -> store.get(first)).isInstanceOf(CorruptArtifactException.class);
        assertThat(store.list("")).containsExactly("runs/r1/outcome.json");
    }

    @Test
    void aSinglePutsETagIsTheMd5OfWhatTheServerStored() throws Exception {
        // The put of bytes skips its size check when the ETag is the content's MD5; this server must give
        // one for that to happen (a server that does not only costs the HEAD of the size check).
        byte[] bytes = "{\"images\": 336}".getBytes(StandardCharsets.UTF_8);
        String etag = raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object("runs/r1/raw.json")
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build()).etag();
        assertThat(S3ArtifactStore.etagIsMd5Of(etag, bytes)).as("ETag %s", etag).isTrue();
        assertThat(S3ArtifactStore.etagIsMd5Of(etag, "{\"images\": 337}".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void leavesNoStagedObjectBehindAfterAPut() throws Exception {
        store.put("a/one", new byte[] {1});
        store.put("a/two", Files.write(temp.resolve("two"), new byte[] {2}));

        assertThat(store.list(ArtifactStore.TEMPORARY_PREFIX)).isEmpty();
        assertThat(store.list("")).containsExactly("a/one", "a/two");
    }

    @Test
    void detectsBytesTamperedWithOnTheServer() throws Exception {
        byte[] original = "checkpoint step 100".getBytes(StandardCharsets.UTF_8);
        ArtifactRef ref = store.put("runs/r1/ckpt/100", original);
        byte[] rotten = original.clone();
        rotten[3] ^= 0x20; // same size, keeps the stored sha256 metadata: only the bytes can tell
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(ref.key())
                .stream(new ByteArrayInputStream(rotten), rotten.length, -1)
                .userMetadata(Map.of("sha256", ref.sha256())).build());

        assertThatThrownBy(() -> store.get(ref))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(ref.key())
                .hasMessageContaining(ref.sha256())
                .hasMessageContaining(Sha256.of(rotten));
    }

    @Test
    void failedDownloadLeavesTheTargetUntouched() throws Exception {
        ArtifactRef ref = store.put("runs/r1/model.pt", new byte[] {1, 2, 3, 4});
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(ref.key())
                .stream(new ByteArrayInputStream(new byte[] {1, 2, 3}), 3, -1).build());
        Path target = Files.writeString(temp.resolve("model.pt"), "previous");

        assertThatThrownBy(() -> store.download(ref, target))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("4 bytes")
                .hasMessageContaining("3 bytes");
        assertStillPreviousAndAlone(target);
    }

    @Test
    void aDownloadOfManyChunksWithOneByteTamperedFailsAndPublishesNothing() throws Exception {
        byte[] original = new byte[5 * HashingCopy.CHUNK_BYTES + 99];
        new Random(5).nextBytes(original);
        ArtifactRef ref = store.put("runs/r1/embed/shard-1.f16", original);
        byte[] rotten = original.clone();
        rotten[rotten.length - 50] ^= 0x01; // in the last chunk: the digest can only tell at the very end
        overwriteKeepingTheDigest(ref, rotten);
        Path target = Files.writeString(temp.resolve("shard-1.f16"), "previous");

        assertThatThrownBy(() -> store.download(ref, target))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(ref.key())
                .hasMessageContaining(ref.sha256())
                .hasMessageContaining(Sha256.of(rotten));
        assertStillPreviousAndAlone(target);
    }

    @Test
    void aDownloadOfManyChunksCutShortFailsAndPublishesNothing() throws Exception {
        byte[] original = new byte[5 * HashingCopy.CHUNK_BYTES + 99];
        new Random(6).nextBytes(original);
        ArtifactRef ref = store.put("runs/r1/embed/shard-2.f16", original);
        overwriteKeepingTheDigest(ref, Arrays.copyOf(original, 3 * HashingCopy.CHUNK_BYTES + 7));
        Path target = temp.resolve("out/shard-2.f16");

        assertThatThrownBy(() -> store.download(ref, target))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining(ref.key())
                .hasMessageContaining(original.length + " bytes")
                .hasMessageContaining((3 * HashingCopy.CHUNK_BYTES + 7) + " bytes");
        try (var files = Files.list(target.getParent())) {
            assertThat(files).isEmpty();
        }
    }

    private void overwriteKeepingTheDigest(ArtifactRef ref, byte[] bytes) throws Exception {
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object(ref.key())
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .userMetadata(Map.of("sha256", ref.sha256())).build());
    }

    @Test
    void statListAndDelete() {
        ArtifactRef first = store.put("runs/r2/a", new byte[] {1});
        store.put("runs/r2/b/c", new byte[] {2, 2});
        store.put("runs/r3/a", new byte[] {3});

        assertThat(store.list("runs/r2/")).containsExactly("runs/r2/a", "runs/r2/b/c");
        assertThat(store.stat("runs/r2/missing")).isEmpty();

        store.delete(first.key());
        store.delete("runs/r2/never-existed");

        assertThat(store.stat(first.key())).isEmpty();
        assertThat(store.list("runs/")).containsExactly("runs/r2/b/c", "runs/r3/a");
        assertThatThrownBy(() -> store.get(first))
                .isInstanceOf(ArtifactNotFoundException.class)
                .hasMessageContaining(first.key());
    }

    @Test
    void refusesKeysInTheStagingArea() {
        assertThatThrownBy(() -> store.put("tmp/sneaky", new byte[] {1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reserved");
    }

    @Test
    void collectsOnlyStaleOrphans() throws Exception {
        raw.putObject(PutObjectArgs.builder().bucket(config.bucket()).object("tmp/dead-writer/runs/r1/x")
                .stream(new ByteArrayInputStream(new byte[] {9}), 1, -1).build());
        ArtifactRef kept = store.put("runs/r1/y", new byte[] {7});

        assertThat(store.collectOrphans(Duration.ofHours(1))).isZero();
        assertThat(store.list("tmp/")).containsExactly("tmp/dead-writer/runs/r1/x");

        Clock twoHoursLater = Clock.offset(Clock.system(ZoneOffset.UTC), Duration.ofHours(2));
        try (S3ArtifactStore later = new S3ArtifactStore(config, twoHoursLater)) {
            assertThat(later.collectOrphans(Duration.ofHours(1))).isEqualTo(1);
        }
        assertThat(store.list("tmp/")).isEmpty();
        assertThat(store.stat(kept.key())).contains(kept);
    }

    /** A failed download left the file it was to replace as it was, and no partial file beside it. */
    private void assertStillPreviousAndAlone(Path target) throws IOException {
        assertThat(Files.readString(target)).isEqualTo("previous");
        try (var files = Files.list(temp)) {
            assertThat(files).containsExactly(target);
        }
    }
}
