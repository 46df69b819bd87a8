package ai.alignet.storage;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts of a file to upload, each with its sha256, hashed in order on a thread of its own.
 *
 * <p>Why a thread of its own: a put hashes the whole file before its upload can start (the digest is
 * the object's metadata, sent when the upload is created). Hashing the parts meanwhile, on another
 * core, takes their hashing — which the SDK would otherwise do as it sends each part — out of the
 * upload, where the client's CPU competes with the server's.
 */
final class HashedParts implements AutoCloseable {

    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final int CHUNK = 1 << 18;

    private final CompletableFuture<FilePart>[] parts;
    private final Thread hasher;
    private volatile boolean closed;

    /**
     * Opens {@code file} on the caller's thread and starts hashing its parts.
     *
     * @param partSize bytes per part; the last part holds the rest of {@code size}
     */
    @SuppressWarnings("unchecked")
    static HashedParts start(Path file, long size, int partSize, ParallelMultipartUpload.FileOpener opener)
            throws IOException {
        int parts = (int) Math.max(1, (size + partSize - 1) / partSize);
        RandomAccessFile in = opener.open(file);
        HashedParts hashedParts = new HashedParts(new CompletableFuture[parts], in, file, size, partSize, opener);
        hashedParts.hasher.start();
        return hashedParts;
    }

    private HashedParts(CompletableFuture<FilePart>[] parts, RandomAccessFile in, Path file, long size, int partSize,
            ParallelMultipartUpload.FileOpener opener) {
        this.parts = parts;
        for (int i = 0; i < parts.length; i++) {
            parts[i] = new CompletableFuture<>();
        }
        this.hasher = new Thread(() -> hashAll(in, file, size, partSize, opener),
                "s3-part-hash-" + THREADS.incrementAndGet());
        this.hasher.setDaemon(true);
    }

    int count() {
        return parts.length;
    }

    /** Part {@code number} (1-based) once hashed; fails as reading the file failed. */
    CompletableFuture<FilePart> part(int number) {
        return parts[number - 1];
    }

    /** Stops hashing at the next chunk; parts not hashed by then fail with a cancellation. */
    @Override
    public void close() {
        closed = true;
    }

    private void hashAll(RandomAccessFile in, Path file, long size, int partSize,
            ParallelMultipartUpload.FileOpener opener) {
        byte[] chunk = new byte[CHUNK];
        MessageDigest digest = Sha256.newDigest();
        int part = 0;
        try (in) {
            for (; part < parts.length; part++) {
                long offset = (long) part * partSize;
                long length = Math.min(partSize, size - offset);
                FilePart.read(in, file, offset, length, chunk, (bytes, n) -> {
                    if (closed) {
                        throw new CancellationException("the upload of " + file + " stopped");
                    }
                    digest.update(bytes, 0, n);
                });
                parts[part].complete(new FilePart(file, offset, length, Sha256.hex(digest), opener));
            }
        } catch (Throwable t) {
            for (int rest = part; rest < parts.length; rest++) {
                parts[rest].completeExceptionally(t);
            }
        }
    }
}
