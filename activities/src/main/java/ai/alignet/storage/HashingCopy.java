package ai.alignet.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Copies a stream to an output while computing its SHA-256, with the reading on the caller's thread
 * and the hashing and writing on a second thread, handing over fixed chunks through a small ring.
 *
 * <p>Why two threads: one thread that reads the socket, hashes and writes did 245–531 MB/s for a
 * 1 GiB download from SeaweedFS on this 2-core machine; reading on one thread and hashing + writing
 * on another did 555–834 MB/s in the same minutes (docs/benchmarks.md §7). 256 KiB chunks were the
 * best of 64 KiB–1 MiB; the number of chunks in the ring (4 or 20) made no difference.
 */
final class HashingCopy {

    static final int CHUNK_BYTES = 256 * 1024;
    private static final int CHUNKS = 8;

    /** How many bytes went through, and their lowercase hex SHA-256. */
    record Copied(long bytes, String sha256) {}

    private record Chunk(byte[] bytes, int length) {
        /** Marks the end of the stream: the writer stops at it. */
        static final Chunk END = new Chunk(new byte[0], 0);
    }

    private HashingCopy() {
    }

    /**
     * Reads {@code in} to its end, writing every byte to {@code out} and hashing it. Neither stream
     * is closed. A read error stops the writer; a write error stops the reading at the next chunk;
     * either is rethrown here once the second thread has stopped touching {@code out}.
     */
    static Copied copy(InputStream in, OutputStream out, String name) throws IOException {
        BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
        int allocated = 0;
        Writer writer = new Writer(out, new ArrayBlockingQueue<>(CHUNKS + 1), free);
        Thread thread = new Thread(writer, "hash-and-write " + name);
        thread.setDaemon(true);
        thread.start();
        long total = 0;
        try {
            while (writer.failure == null) {
                // Buffers are made only when none is free, so a small artifact costs one, not the ring.
                byte[] buffer = free.poll();
                if (buffer == null && allocated < CHUNKS) {
                    buffer = new byte[CHUNK_BYTES];
                    allocated++;
                } else if (buffer == null) {
                    buffer = free.take();
                }
                int length = in.readNBytes(buffer, 0, CHUNK_BYTES);
                if (length == 0) {
                    break;
                }
                writer.full.put(new Chunk(buffer, length));
                total += length;
            }
            writer.full.put(Chunk.END);
        } catch (InterruptedException e) {
            stop(thread);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while copying " + name);
        } catch (IOException | RuntimeException | Error e) {
            stop(thread);
            throw e;
        }
        joinUninterruptibly(thread);
        rethrow(writer.failure);
        return new Copied(total, Sha256.hex(writer.digest));
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure instanceof IOException e) {
            throw e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure != null) {
            throw (Error) failure;
        }
    }

    private static void stop(Thread writer) {
        writer.interrupt();
        joinUninterruptibly(writer);
    }

    private static void joinUninterruptibly(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Hashes and writes chunks in order until {@link Chunk#END}, handing each buffer back for reuse. */
    private static final class Writer implements Runnable {

        final BlockingQueue<Chunk> full;
        final MessageDigest digest = Sha256.newDigest();
        /** Set once, before this thread stops hashing; the reader checks it between chunks. */
        volatile Throwable failure;

        private final OutputStream out;
        private final BlockingQueue<byte[]> free;

        Writer(OutputStream out, BlockingQueue<Chunk> full, BlockingQueue<byte[]> free) {
            this.out = out;
            this.full = full;
            this.free = free;
        }

        @Override
        public void run() {
            try {
                for (Chunk chunk; (chunk = full.take()) != Chunk.END; ) {
                    if (failure == null) {
                        try {
                            digest.update(chunk.bytes(), 0, chunk.length());
                            out.write(chunk.bytes(), 0, chunk.length());
                        } catch (IOException | RuntimeException | Error e) {
                            // Keep taking chunks (without writing) so a reader waiting for a free
                            // buffer wakes up, sees the failure and sends END.
                            failure = e;
                        }
                    }
                    free.add(chunk.bytes());
                }
            } catch (InterruptedException e) {
                // The reader failed and gave up on the copy: nothing more will be written.
            }
        }
    }
}
