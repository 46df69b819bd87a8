package ai.alignet.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

// A copy that deadlocks would hang the build: the timeouts turn that into a failure.
@Timeout(60)
class HashingCopyTest {

    private static final int CHUNK = HashingCopy.CHUNK_BYTES;

    @Test
    void copiesAndHashesEveryByteOfAStreamOfManyChunksInOrder() throws Exception {
        byte[] content = new byte[20 * CHUNK + 123]; // more chunks than the ring holds, the last one short
        new Random(3).nextBytes(content);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        HashingCopy.Copied copied = HashingCopy.copy(new ByteArrayInputStream(content), out, "many-chunks");

        assertThat(copied).isEqualTo(new HashingCopy.Copied(content.length, Sha256.of(content)));
        assertThat(out.toByteArray()).isEqualTo(content);
    }

    @Test
    void copiesAnEmptyStream() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        HashingCopy.Copied copied = HashingCopy.copy(InputStream.nullInputStream(), out, "empty");

        assertThat(copied).isEqualTo(new HashingCopy.Copied(0, Sha256.of(new byte[0])));
        assertThat(out.size()).isZero();
    }

    @Test
    void aReadErrorMidStreamIsRethrownAfterTheWriterStopped() {
        InputStream failing = new ZerosThenFailure(3L * CHUNK + 5, "connection reset (injected)");

        assertThatThrownBy(() -> HashingCopy.copy(failing, OutputStream.nullOutputStream(), "read-error"))
                .isInstanceOf(IOException.class)
                .hasMessage("connection reset (injected)");
        assertThat(writerThreadsNamed("read-error")).isZero();
    }

    @Test
    void aWriteErrorStopsTheReadingAndIsRethrown() {
        ZerosThenFailure endless = new ZerosThenFailure(1000L * CHUNK, "never reached");
        OutputStream diskFull = new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                if (written + length > 2L * CHUNK) {
                    throw new IOException("no space left on device (injected)");
                }
                written += length;
            }
        };

        assertThatThrownBy(() -> HashingCopy.copy(endless, diskFull, "write-error"))
                .isInstanceOf(IOException.class)
                .hasMessage("no space left on device (injected)");
        assertThat(endless.served).as("reading stops soon after the write failed, not at the end of the stream")
                .isLessThan(100L * CHUNK);
        assertThat(writerThreadsNamed("write-error")).isZero();
    }

    private static long writerThreadsNamed(String name) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals("hash-and-write " + name))
                .count();
    }

    /** Serves zeros up to a limit, then fails as a broken connection would. */
    private static final class ZerosThenFailure extends InputStream {
        private final long limit;
        private final String message;
        long served;

        ZerosThenFailure(long limit, String message) {
            this.limit = limit;
            this.message = message;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0];
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (served >= limit) {
                throw new IOException(message);
            }
            int n = (int) Math.min(length, limit - served);
            Arrays.fill(bytes, offset, offset + n, (byte) 0);
            served += n;
            return n;
        }
    }
}
