package ai.alignet.storage;

import okio.BufferedSink;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;

/**
 * One part of a multipart upload: {@code length} bytes of {@code file} from {@code offset}, and the
 * sha256 they had when hashed — sent as the request's signed payload hash, so a server that checks it
 * (AWS S3, MinIO) refuses the part if the bytes sent differ. Read from the file each time it is sent:
 * no part is held in memory.
 */
record FilePart(Path file, long offset, long length, String sha256, ParallelMultipartUpload.FileOpener opener) {

    /** Receives a part's bytes, one chunk at a time. */
    @FunctionalInterface
    interface Chunks {
        void accept(byte[] chunk, int length) throws IOException;
    }

    private static final int CHUNK = 1 << 16;

    void writeTo(BufferedSink sink) throws IOException {
        try (RandomAccessFile in = opener.open(file)) {
            read(in, file, offset, length, new byte[CHUNK], (chunk, n) -> sink.write(chunk, 0, n));
        }
    }

    /** Hands {@code length} bytes of {@code in} (open on {@code file}) from {@code offset} to {@code chunks}. */
    static void read(RandomAccessFile in, Path file, long offset, long length, byte[] buffer, Chunks chunks)
            throws IOException {
        in.seek(offset);
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException(file + " ended " + left + " bytes before the end of the part at " + offset
                        + " (" + length + " bytes); was it truncated while being stored?");
            }
            chunks.accept(buffer, n);
            left -= n;
        }
    }
}
