package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.testing.LocalPorts;
import ai.alignet.testing.S3ProxyServer;
import io.minio.MinioAsyncClient;
import io.minio.errors.ErrorResponseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

    /** S3Proxy checks each part against its signed payload hash, as AWS S3 and MinIO do (SeaweedFS does not). */
    @Test
    void aPartWhoseBytesDifferFromTheirHashIsRefusedByTheServer() throws Exception {
        int part = PartUploads.MIN_PART_SIZE;
        Path file = Files.write(temp.resolve("three-parts"), new byte[3 * part]);
        // The parts hash as zeros (first open); part 2 is then sent with one byte changed, as a file
        // rewritten in place without touching its size or modification time would be.
        try (S3Requests async = new S3Requests(MinioAsyncClient.builder().endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey()).region(config.region()).build())) {
            refusesATamperedPart(async, file, part);
        }
    }

    private void refusesATamperedPart(S3Requests async, Path file, int part) throws Exception {
        AtomicInteger opened = new AtomicInteger();
        ParallelMultipartUpload upload = new ParallelMultipartUpload(async, config.bucket(), config.region(), part, 1,
                path -> opened.incrementAndGet() != 3 ? new RandomAccessFile(path.toFile(), "r")
                        : new RandomAccessFile(path.toFile(), "r") {
                            @Override
                            public int read(byte[] buffer, int offset, int length) throws IOException {
                                int n = super.read(buffer, offset, length);
                                if (n > 0) {
                                    buffer[offset] = 1;
                                }
                                return n;
                            }
                        });

        assertThatThrownBy(() -> upload.upload("direct/tampered", file, ParallelMultipartUpload.FileVersion.of(file),
                () -> Map.of("sha256", "x")))
                .isInstanceOf(ErrorResponseException.class)
                .satisfies(e -> assertThat(((ErrorResponseException) e).errorResponse().code())
                        .isEqualTo("XAmzContentSHA256Mismatch"));
        assertThat(store.stat("direct/tampered")).isEmpty();
        assertThat(async.unfinishedUploads(config.bucket(), config.region(), "")).isEmpty();
    }

    @Test
    void anETagVerifiesAPutOnlyWhenItIsTheMd5OfTheBytesSent() throws Exception {
        byte[] bytes = "abc".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String md5 = "900150983cd24fb0d6963f7d28e17f72";
        assertThat(S3ArtifactStore.etagIsMd5Of(md5, bytes)).isTrue();
        assertThat(S3ArtifactStore.etagIsMd5Of("\"" + md5.toUpperCase() + "\"", bytes)).isTrue();
        // A multipart upload's ETag, another object's MD5, none at all: the size check decides instead.
        assertThat(S3ArtifactStore.etagIsMd5Of(md5 + "-2", bytes)).isFalse();
        assertThat(S3ArtifactStore.etagIsMd5Of("d41d8cd98f00b204e9800998ecf8427e", bytes)).isFalse();
        assertThat(S3ArtifactStore.etagIsMd5Of(null, bytes)).isFalse();
        assertThat(S3ArtifactStore.etagIsMd5Of("\"", bytes)).isFalse();
        // Past the limit the MD5 is not computed (it would cost more than the HEAD it saves).
        byte[] atLimit = new byte[S3ArtifactStore.ETAG_CHECKED_BYTES];
        byte[] large = new byte[S3ArtifactStore.ETAG_CHECKED_BYTES + 1];
        assertThat(S3ArtifactStore.etagIsMd5Of(md5Hex(atLimit), atLimit)).isTrue();
        assertThat(S3ArtifactStore.etagIsMd5Of(md5Hex(large), large)).isFalse();
    }

    private static String md5Hex(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(bytes));
    }
}
