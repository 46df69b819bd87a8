package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.testing.SeaweedServer;
import io.minio.GetObjectArgs;
import io.minio.MinioAsyncClient;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The store contract against a real SeaweedFS server (the development/CI object store), plus the
 * concurrent multipart upload. Needs the {@code weed} binary: run {@code .ci/install-servers}.
 * Fails, never skips, without it.
 */
class S3ArtifactStoreSeaweedIT extends ArtifactStoreContract {

    private static final int PART = PartUploads.MIN_PART_SIZE;

    @TempDir
    static Path seaweedData;

    private static SeaweedServer seaweed;

    private S3Requests async;

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

    @BeforeEach
    void createAsyncClient() {
        async = new S3Requests(MinioAsyncClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).build());
    }

    @AfterEach
    void closeAsyncClient() throws Exception {
        async.close();
    }

    @Test
    void roundTripsAFileOfManyPartsSentConcurrently() throws Exception {
        byte[] content = new byte[4 * PART + 777]; // five parts, the last one short
        new Random(7).nextBytes(content);
        Path file = Files.write(temp.resolve("model.pt"), content);

        try (S3ArtifactStore small = new S3ArtifactStore(config, Clock.systemUTC(), new PartUploads(PART, 3))) {
            ArtifactRef ref = small.put("runs/r1/distill/model.pt", file);
            Path target = temp.resolve("back/model.pt");
            small.download(ref, target);

            assertThat(ref).isEqualTo(new ArtifactRef("runs/r1/distill/model.pt", Sha256.of(content), content.length));
            assertThat(small.stat(ref.key())).contains(ref);
            assertThat(raw.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(ref.key())
                    .build()).etag()).as("a multipart object's etag ends in its part count").endsWith("-5");
            assertThat(Files.readAllBytes(target)).isEqualTo(content);
            assertThat(small.get(ref)).isEqualTo(content);
            assertThat(small.list(ArtifactStore.TEMPORARY_PREFIX)).isEmpty();
        }
        assertThat(pendingUploads()).isEmpty();
    }

    @Test
    void uploadsEveryPartOfAFileInOrder() throws Exception {
        byte[] content = new byte[3 * PART]; // exactly three full parts
        new Random(11).nextBytes(content);
        Path file = Files.write(temp.resolve("three-parts"), content);
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), PART, 2);

        upload.upload("direct/three-parts", file, ParallelMultipartUpload.FileVersion.of(file),
                () -> Map.of("sha256", "x"));

        assertThat(raw.getObject(GetObjectArgs.builder().bucket(config.bucket())
                .object("direct/three-parts").build()).readAllBytes()).isEqualTo(content);
        StatObjectResponse stat = raw.statObject(StatObjectArgs.builder().bucket(config.bucket())
                .object("direct/three-parts").build());
        assertThat(stat.etag()).endsWith("-3");
        assertThat(stat.userMetadata()).containsEntry("sha256", "x");
    }

    @Test
    void aFileReadErrorMidUploadAbortsItLeavingNoObjectAndNoParts() throws Exception {
        Path file = Files.write(temp.resolve("four-parts"), new byte[4 * PART]);
        // Reading fails from the third part on, as a failing disk would: the parts' hashing meets it first.
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), PART, 2,
                path -> failingFrom(path, 2L * PART, "disk read error (injected)"));

        assertAbortedBy(upload, file, "disk read error (injected)");
    }

    @Test
    void aFileReadErrorWhileAPartIsSentAbortsTheUpload() throws Exception {
        Path file = Files.write(temp.resolve("four-parts"), new byte[4 * PART]);
        // The parts hash fine (first open); sending fails from the third part on.
        AtomicInteger opened = new AtomicInteger();
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), PART, 2,
                path -> opened.incrementAndGet() == 1 ? new RandomAccessFile(path.toFile(), "r")
                        : failingFrom(path, 2L * PART, "disk read error while sending (injected)"));

        assertAbortedBy(upload, file, "disk read error while sending (injected)");
    }

    /** The file, opened so that reading from {@code position} on fails with {@code message}. */
    private static RandomAccessFile failingFrom(Path path, long position, String message) throws IOException {
        return new RandomAccessFile(path.toFile(), "r") {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (getFilePointer() >= position) {
                    throw new IOException(message);
                }
                return super.read(buffer, offset, length);
            }
        };
    }

    /** The upload fails with the read error itself and leaves neither an object nor an unfinished upload. */
    private void assertAbortedBy(ParallelMultipartUpload upload, Path file, String readError) throws Exception {
        assertThatThrownBy(() -> upload.upload("direct/broken", file, ParallelMultipartUpload.FileVersion.of(file),
                Map::of))
                .isInstanceOf(IOException.class)
                .hasMessage(readError);
        assertThat(pendingUploads()).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    @Test
    void aFileThatChangesWhileItIsStoredIsNeverPublished() throws Exception {
        Path file = Files.write(temp.resolve("growing"), new byte[3 * PART]);
        ParallelMultipartUpload.FileVersion hashed = ParallelMultipartUpload.FileVersion.of(file);
        AtomicInteger opened = new AtomicInteger();
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), PART, 1,
                path -> {
                    // The first open hashes the parts; then one per part sent: its writer touches it as part 2 goes up.
                    if (opened.incrementAndGet() == 3) {
                        Files.setLastModifiedTime(path, FileTime.from(Instant.now().plusSeconds(5)));
                    }
                    return new RandomAccessFile(path.toFile(), "r");
                });

        assertThatThrownBy(() -> upload.upload("runs/r1/changed.bin", file, hashed, () -> Map.of("sha256", "x")))
                .isInstanceOf(CorruptArtifactException.class)
                .hasMessageContaining("changed while it was being stored");
        assertThat(store.stat("runs/r1/changed.bin")).isEmpty();
        assertThat(pendingUploads()).isEmpty();
    }

    @Test
    void aServerStoppedMidUploadFailsItAndCollectOrphansLaterAbortsWhatItLeft() throws Exception {
        String key = "runs/r1/embed/shard-9.f16";
        Path file = Files.write(temp.resolve("shard-9.f16"), new byte[4 * PART]);
        // One part at a time: parts 1 and 2 go up, then the server goes down (its data kept) as part 3
        // is opened to be sent (the first open hashes the parts).
        AtomicInteger opened = new AtomicInteger();
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), PART, 1,
                path -> {
                    if (opened.incrementAndGet() == 4) {
                        seaweed.close();
                    }
                    return new RandomAccessFile(path.toFile(), "r");
                });
        try {
            // A connection refused, or the 503 of a server shutting down: either way the server's error.
            assertThatThrownBy(() -> upload.upload(key, file, ParallelMultipartUpload.FileVersion.of(file), Map::of))
                    .isInstanceOfAny(IOException.class, ErrorResponseException.class)
                    .satisfies(e -> assertThat(e.getSuppressed())
                            .anySatisfy(s -> assertThat(s).hasMessageContaining("could not abort multipart upload")));
        } finally {
            seaweed.restart();
        }
        assertThat(pendingUploads()).extracting(S3Requests.UnfinishedUpload::key).containsExactly(key);

        Clock twoHoursLater = Clock.offset(Clock.systemUTC(), Duration.ofHours(2));
        try (S3ArtifactStore later = new S3ArtifactStore(config, twoHoursLater)) {
            assertThat(later.collectOrphans(Duration.ofHours(1))).isEqualTo(1);
        }
        assertThat(pendingUploads()).isEmpty();
        assertThat(store.list("")).isEmpty();
    }

    private List<S3Requests.UnfinishedUpload> pendingUploads() throws Exception {
        return async.unfinishedUploads(config.bucket(), config.region(), "");
    }
}
