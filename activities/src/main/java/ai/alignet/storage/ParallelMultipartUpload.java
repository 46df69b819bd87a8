package ai.alignet.storage;

import com.google.common.collect.ArrayListMultimap;
import com.google.common.collect.Multimap;
import io.minio.messages.Part;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One S3 multipart upload of a file, with up to {@code inFlight} parts on the wire at once.
 *
 * <p>The parts are hashed in order on a thread of their own ({@link HashedParts}) while the caller
 * computes the object's metadata (the store's whole-file sha256), so the upload that follows sends
 * bytes and no longer hashes them. Each part goes up with its hash as the signed payload hash (which
 * AWS S3 and MinIO check; SeaweedFS does not), streamed from the file: no part is held in memory, so
 * memory stays bounded whatever the file's size. The object appears only when the upload completes,
 * which is atomic, and only if the file still has the size and modification time it had before the
 * caller hashed it. Any failure — reading the file, a part the server refused, a file that changed —
 * waits for the parts still in flight and then aborts the upload, so the server keeps neither an object
 * nor orphan parts.
 */
final class ParallelMultipartUpload {

    /** Size and modification time of a file: if either changed, its bytes may have. */
    record FileVersion(long size, FileTime lastModified) {
        static FileVersion of(Path file) throws IOException {
            return new FileVersion(Files.size(file), Files.getLastModifiedTime(file));
        }
    }

    /** Opens the file for one part's upload; tests substitute one that fails. */
    @FunctionalInterface
    interface FileOpener {
        RandomAccessFile open(Path file) throws IOException;
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final S3Requests client;
    private final String bucket;
    private final String region;
    private final int partSize;
    private final int inFlight;
    private final FileOpener opener;

    ParallelMultipartUpload(S3Requests client, String bucket, String region, int partSize, int inFlight) {
        this(client, bucket, region, partSize, inFlight, file -> new RandomAccessFile(file.toFile(), "r"));
    }

    ParallelMultipartUpload(S3Requests client, String bucket, String region, int partSize, int inFlight,
            FileOpener opener) {
        this.client = client;
        this.bucket = bucket;
        this.region = region;
        this.partSize = partSize;
        this.inFlight = inFlight;
        this.opener = opener;
    }

    /**
     * Uploads {@code file} to {@code key} with the user metadata ({@code x-amz-meta-*}) that
     * {@code userMetadata} computes on the caller's thread while the parts are being hashed.
     *
     * @param hashed the file's version before the caller hashed it: the upload completes only if the
     *               file is still that version, so the metadata describes the bytes sent
     * @throws CorruptArtifactException if the file changed since it was hashed
     * @throws Exception the first failure (file or server); the upload is aborted by then
     */
    void upload(String key, Path file, FileVersion hashed, Supplier<Map<String, String>> userMetadata)
            throws Exception {
        long size = hashed.size();
        int parts = (int) Math.max(1, (size + partSize - 1) / partSize);
        if (parts > PartUploads.MAX_PARTS) {
            throw new IllegalArgumentException(file + " needs " + parts + " parts of " + partSize
                    + " bytes, more than S3's " + PartUploads.MAX_PARTS + "; use a larger part size");
        }
        try (HashedParts hashedParts = HashedParts.start(file, size, partSize, opener)) {
            Multimap<String, String> headers = ArrayListMultimap.create();
            userMetadata.get().forEach((name, value) -> headers.put("x-amz-meta-" + name, value));
            String uploadId = client.createMultipartUploadAsync(bucket, region, key, headers, null)
                    .get().result().uploadId();
            upload(key, file, hashed, uploadId, hashedParts);
        }
    }

    private void upload(String key, Path file, FileVersion hashed, String uploadId, HashedParts hashedParts)
            throws Exception {
        int parts = hashedParts.count();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        ExecutorService senders = Executors.newFixedThreadPool(Math.min(inFlight, parts), task -> {
            Thread thread = new Thread(task, "s3-part-upload-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Part>> sent = new ArrayList<>(parts);
            for (int number = 1; number <= parts; number++) {
                int partNumber = number;
                sent.add(senders.submit(() -> send(key, uploadId, partNumber, hashedParts.part(partNumber), failure)));
            }
            Part[] uploaded = new Part[parts];
            for (int i = 0; i < parts; i++) {
                uploaded[i] = sent.get(i).get();
            }
            FileVersion now = FileVersion.of(file);
            if (!now.equals(hashed)) {
                throw new CorruptArtifactException(key, file + " as hashed (" + hashed + ")",
                        "a file that changed while it was being stored (" + now + "); store it again once"
                                + " its writer has finished");
            }
            client.completeMultipartUploadAsync(bucket, region, key, uploadId, uploaded, null, null).get();
        } catch (Throwable t) {
            failure.compareAndSet(null, unwrap(t)); // parts not yet sent skip their upload
            Throwable cause = failure.get();
            waitForPartsInFlight(senders);
            try {
                client.abortMultipartUploadAsync(bucket, region, key, uploadId, null, null).get();
            } catch (Exception abortFailure) {
                cause.addSuppressed(new IllegalStateException("could not abort multipart upload " + uploadId
                        + " of '" + key + "'; its parts stay on the server until collectOrphans aborts it",
                        unwrap(abortFailure)));
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw cause instanceof Exception e ? e : new ExecutionException(cause);
        } finally {
            senders.shutdownNow();
        }
    }

    private Part send(String key, String uploadId, int number, CompletableFuture<FilePart> hashed,
            AtomicReference<Throwable> failure) throws Exception {
        if (failure.get() != null) {
            throw new CancellationException("another part of '" + key + "' failed");
        }
        try {
            return new Part(number, client.uploadPart(bucket, region, key, uploadId, number, hashed.get()).get());
        } catch (Throwable t) {
            failure.compareAndSet(null, unwrap(t));
            throw t;
        }
    }

    /** Lets sends already on the wire finish, so none lands after the abort and revives the upload. */
    private static void waitForPartsInFlight(ExecutorService senders) {
        senders.shutdown();
        try {
            senders.awaitTermination(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
