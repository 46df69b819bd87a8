package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioAsyncClient;
import io.minio.MinioClient;
import io.minio.ObjectWriteResponse;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.http.HttpUtils;
import io.minio.messages.Item;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@link ArtifactStore} on any S3 server (MinIO, SeaweedFS, S3Proxy, AWS), through the MinIO SDK.
 *
 * <p>A put of bytes (or of a file smaller than one part) is one PUT to the final key with the sha256 as
 * user metadata, verified by the PUT's ETag (the MD5 of what the server stored) where it is one, else by
 * a check of the stored size. S3 makes a PUT's object visible only once it is whole, so readers see
 * either nothing (or the previous object) or the whole new one.
 *
 * <p>Files of at least one part ({@link PartUploads}) instead go straight to the final key as one
 * multipart upload with several parts in flight ({@link ParallelMultipartUpload}), the sha256
 * computed beforehand sent as metadata (the parts are hashed meanwhile, on another thread): its parts
 * are invisible until the completion, which is atomic and happens only if the file did not change
 * since it was hashed; any failure aborts it.
 */
public final class S3ArtifactStore implements ArtifactStore, AutoCloseable {

    /** The largest put of bytes verified by its ETag (1 MiB: its MD5 takes ~1.2 ms, about a local HEAD). */
    static final int ETAG_CHECKED_BYTES = 1 << 20;

    /** User metadata key (sent as {@code x-amz-meta-sha256}) holding the lowercase hex digest. */
    static final String SHA256_METADATA = "sha256";

    private static final Set<String> NOT_FOUND_CODES = Set.of("NoSuchKey", "NoSuchObject", "NotFound");

    /** The SDK's own default for connect, read and write timeouts. */
    private static final long HTTP_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(5);

    private final StoreConfig config;
    private final PartUploads partUploads;
    private final OkHttpClient http;
    private final MinioClient client;
    private final S3Requests asyncClient;
    private final Clock clock;

    public S3ArtifactStore(StoreConfig config) {
        this(config, Clock.systemUTC(), PartUploads.DEFAULT);
    }

    S3ArtifactStore(StoreConfig config, Clock clock) {
        this(config, clock, PartUploads.DEFAULT);
    }

    S3ArtifactStore(StoreConfig config, Clock clock, PartUploads partUploads) {
        this.config = config;
        this.clock = clock;
        this.partUploads = partUploads;
        // OkHttp sends at most 5 requests per host at once by default: allow every part in flight,
        // plus room for a concurrent small request, and keep that many connections alive.
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequestsPerHost(partUploads.inFlight() + 4);
        dispatcher.setMaxRequests(partUploads.inFlight() + 4);
        this.http = HttpUtils.newDefaultHttpClient(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS)
                .newBuilder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(partUploads.inFlight() + 4, 5, TimeUnit.MINUTES))
                .build();
        // An explicit region spares the SDK its GetBucketLocation call, which some servers refuse.
        this.client = MinioClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .httpClient(http)
                .build();
        this.asyncClient = new S3Requests(MinioAsyncClient.builder()
                .endpoint(config.endpoint())
                .credentials(config.accessKey(), config.secretKey())
                .region(config.region())
                .httpClient(http)
                .build());
    }

    public StoreConfig config() {
        return config;
    }

    /** Creates the configured bucket unless it exists already. */
    public void ensureBucket() {
        call("create bucket", null, () -> {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(config.bucket()).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(config.bucket()).build());
            }
            return null;
        });
    }

    @Override
    public ArtifactRef put(String key, byte[] bytes) {
        requireFinalKey(key);
        String sha256 = Sha256.of(bytes);
        // One PUT: S3 makes an object visible only once the server has all of it (and checks the signed
        // payload hash, where it checks one), so the PUT itself is the staging area — as the multipart
        // upload is for files. A staged PUT + size check + server-side copy + delete took 5.7 ms a small
        // artifact on the embedded S3 server, against 1.3 ms for the PUT alone (docs/benchmarks.md §6).
        ObjectWriteResponse written = call("upload", key, () -> client.putObject(PutObjectArgs.builder()
                .bucket(config.bucket())
                .object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1)
                .userMetadata(Map.of(SHA256_METADATA, sha256))
                .build()));
        ArtifactRef ref = new ArtifactRef(key, sha256, bytes.length);
        return etagIsMd5Of(written.etag(), bytes) ? ref : checkStoredSize(ref);
    }

    /**
     * Whether a PUT's ETag shows the server stored exactly these bytes: S3 gives a single PUT's object the
     * MD5 of its content as its ETag (not under SSE-KMS or SSE-C, nor for a multipart upload, whose ETags
     * have another form). Where it matches, the put is verified without the HEAD the size check costs
     * (~1 ms on a local server, a round trip of tens of ms to a remote one); where it does not — another
     * form, no ETag, or more than {@value #ETAG_CHECKED_BYTES} bytes, whose MD5 would cost more than the
     * HEAD — the size check runs as before.
     */
    static boolean etagIsMd5Of(String etag, byte[] bytes) {
        if (etag == null || bytes.length > ETAG_CHECKED_BYTES) {
            return false;
        }
        String unquoted = etag.startsWith("\"") && etag.endsWith("\"") && etag.length() >= 2
                ? etag.substring(1, etag.length() - 1) : etag;
        if (unquoted.length() != 32) {
            return false; // not an MD5's 32 hex digits (a multipart upload's "<md5>-<parts>"): no need to hash
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)).equalsIgnoreCase(unquoted);
        } catch (NoSuchAlgorithmException e) {
            return false; // then the size check verifies the put
        }
    }

    @Override
    public ArtifactRef put(String key, Path file) {
        requireFinalKey(key);
        ParallelMultipartUpload.FileVersion hashed;
        try {
            hashed = ParallelMultipartUpload.FileVersion.of(file);
            if (hashed.size() < partUploads.partSize()) {
                return put(key, Files.readAllBytes(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " to store it as '" + key + "'", e);
        }
        // The object's sha256 metadata must be sent when the upload starts: the whole file is hashed
        // first (while the upload hashes its parts on another thread). The multipart upload is then the
        // staging area — its parts stay invisible until the atomic completion — so no staged copy is
        // needed (a server-side copy of 1 GiB took SeaweedFS 4–8 s of a ~25 s put).
        AtomicReference<String> sha256 = new AtomicReference<>();
        ParallelMultipartUpload upload = new ParallelMultipartUpload(asyncClient, config.bucket(), config.region(),
                partUploads.partSizeFor(hashed.size()), partUploads.inFlight());
        call("upload", key, () -> {
            upload.upload(key, file, hashed, () -> {
                sha256.set(Sha256.of(file));
                return Map.of(SHA256_METADATA, sha256.get());
            });
            return null;
        });
        return checkStoredSize(new ArtifactRef(key, sha256.get(), hashed.size()));
    }

    /** The object just written has the size it was sent with; else it is removed and the put fails. */
    private ArtifactRef checkStoredSize(ArtifactRef ref) {
        long stored = call("check upload", ref.key(), () -> statObject(ref.key()).size());
        if (stored != ref.size()) {
            deleteQuietly(ref.key());
            throw new CorruptArtifactException(ref.key(), ref.size() + " bytes", stored + " bytes after upload");
        }
        return ref;
    }

    @Override
    public byte[] get(ArtifactRef ref) {
        ObjectKeys.requireObjectKey(ref.key());
        if (ref.size() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("artifact '" + ref.key() + "' has " + ref.size()
                    + " bytes, too many for one array; use download(ref, target) instead");
        }
        byte[] bytes = call("read", ref.key(), () -> {
            try (InputStream in = client.getObject(
                    GetObjectArgs.builder().bucket(config.bucket()).object(ref.key()).build())) {
                return in.readAllBytes();
            }
        });
        verify(ref, bytes.length, Sha256.of(bytes));
        return bytes;
    }

    @Override
    public byte[] readExternal(String key) {
        ObjectKeys.requireObjectKey(key);
        return call("read", key, () -> {
            try (InputStream in = client.getObject(GetObjectArgs.builder().bucket(config.bucket()).object(key).build())) {
                return in.readAllBytes();
            }
        });
    }

    @Override
    public void download(ArtifactRef ref, Path target) {
        Path folder = target.toAbsolutePath().getParent();
        Path partial;
        try {
            Files.createDirectories(folder);
            partial = Files.createTempFile(folder, "." + target.getFileName(), ".part");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file beside " + target, e);
        }
        try {
            // One GET, hashed as it is written (on a second thread: see HashingCopy); parallel
            // ranged GETs were slower on SeaweedFS here (docs/benchmarks.md §7).
            HashingCopy.Copied copied = call("download", ref.key(), () -> {
                try (InputStream in = client.getObject(
                        GetObjectArgs.builder().bucket(config.bucket()).object(ref.key()).build());
                     OutputStream out = Files.newOutputStream(partial)) {
                    return HashingCopy.copy(in, out, ref.key());
                }
            });
            verify(ref, copied.bytes(), copied.sha256());
            moveIntoPlace(partial, target);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a leftover .part file is harmless and named as such
            }
        }
    }

    private static void moveIntoPlace(Path partial, Path target) {
        try {
            try {
                Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot move the downloaded artifact into " + target, e);
        }
    }

    private static void verify(ArtifactRef ref, long actualSize, String actualSha256) {
        if (actualSize != ref.size() || !actualSha256.equals(ref.sha256())) {
            throw new CorruptArtifactException(ref.key(),
                    ref.size() + " bytes with sha256 " + ref.sha256(),
                    actualSize + " bytes with sha256 " + actualSha256);
        }
    }

    @Override
    public Optional<ArtifactRef> stat(String key) {
        ObjectKeys.requireObjectKey(key);
        StatObjectResponse response;
        try {
            response = call("stat", key, () -> statObject(key));
        } catch (ArtifactNotFoundException e) {
            return Optional.empty();
        }
        String sha256 = response.userMetadata().entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(SHA256_METADATA))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElseThrow(() -> new CorruptArtifactException(key, "sha256 user metadata",
                        "none (the object was not written through ArtifactStore)"));
        try {
            return Optional.of(new ArtifactRef(key, sha256, response.size()));
        } catch (IllegalArgumentException e) {
            throw new CorruptArtifactException(key, "a lowercase hex sha256 in its metadata", sha256);
        }
    }

    @Override
    public List<String> list(String prefix) {
        ObjectKeys.requirePrefix(prefix);
        boolean listingStaged = prefix.startsWith(TEMPORARY_PREFIX);
        List<String> keys = new ArrayList<>();
        for (Item item : listItems(prefix)) {
            if (listingStaged || !item.objectName().startsWith(TEMPORARY_PREFIX)) {
                keys.add(item.objectName());
            }
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void delete(String key) {
        ObjectKeys.requireObjectKey(key);
        call("delete", key, () -> {
            client.removeObject(RemoveObjectArgs.builder().bucket(config.bucket()).object(key).build());
            return null;
        });
    }

    @Override
    public int collectOrphans(Duration olderThan) {
        Instant cutoff = clock.instant().minus(olderThan);
        int deleted = 0;
        for (Item item : listItems(TEMPORARY_PREFIX)) {
            if (!item.lastModified().toInstant().isAfter(cutoff)) {
                delete(item.objectName());
                deleted++;
            }
        }
        // A writer that died mid-upload (or lost the server) leaves an unfinished multipart upload
        // (of a final key: large files are not staged under tmp/) whose parts occupy space but are
        // listed as no object: abort those too.
        List<S3Requests.UnfinishedUpload> unfinished = call("list multipart uploads", "",
                () -> asyncClient.unfinishedUploads(config.bucket(), config.region(), ""));
        for (S3Requests.UnfinishedUpload upload : unfinished) {
            if (!upload.initiated().isAfter(cutoff)) {
                call("abort multipart upload", upload.key(), () -> asyncClient.abortMultipartUploadAsync(
                        config.bucket(), config.region(), upload.key(), upload.uploadId(), null, null).get());
                deleted++;
            }
        }
        return deleted;
    }

    @Override
    public void close() {
        // The clients do not close an HTTP client they were given: release its threads and sockets here.
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }

    private List<Item> listItems(String prefix) {
        return call("list", prefix, () -> {
            List<Item> items = new ArrayList<>();
            for (Result<Item> result : client.listObjects(ListObjectsArgs.builder()
                    .bucket(config.bucket())
                    .prefix(prefix)
                    .recursive(true)
                    .build())) {
                Item item = result.get();
                if (!item.isDir()) {
                    items.add(item);
                }
            }
            return items;
        });
    }

    private StatObjectResponse statObject(String key) throws Exception {
        return client.statObject(StatObjectArgs.builder().bucket(config.bucket()).object(key).build());
    }

    private void deleteQuietly(String key) {
        try {
            delete(key);
        } catch (RuntimeException e) {
            // The put fails either way; an object of the wrong size left behind fails every read's check.
        }
    }

    private static void requireFinalKey(String key) {
        ObjectKeys.requireObjectKey(key);
        if (key.startsWith(TEMPORARY_PREFIX)) {
            throw new IllegalArgumentException("artifact key '" + key + "' lies under " + TEMPORARY_PREFIX
                    + ", which is reserved for writes in progress; choose another prefix");
        }
    }

    @FunctionalInterface
    private interface StoreCall<T> {
        T run() throws Exception;
    }

    private <T> T call(String action, String key, StoreCall<T> storeCall) {
        try {
            try {
                return storeCall.run();
            } catch (ExecutionException e) {
                throw e.getCause() instanceof Exception cause ? cause : e; // the async client's failure
            }
        } catch (ErrorResponseException e) {
            String code = e.errorResponse() == null ? null : e.errorResponse().code();
            if (code != null && NOT_FOUND_CODES.contains(code)) {
                throw new ArtifactNotFoundException(key, where());
            }
            throw new StoreUnavailableException(config.endpoint(), config.bucket(), action, key, e);
        } catch (CorruptArtifactException | ArtifactNotFoundException | IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new StoreUnavailableException(config.endpoint(), config.bucket(), action, key, e);
        }
    }

    private String where() {
        return "bucket '" + config.bucket() + "' at " + config.endpoint();
    }
}
