package ai.alignet.storage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HashedPartsTest {

    private static final int PART = 1 << 20;

    @TempDir
    Path temp;

    @Test
    void eachPartCarriesItsOwnSliceAndTheSha256OfExactlyThatSlice() throws Exception {
        byte[] content = new byte[2 * PART + 12_345]; // two full parts and a short last one
        new Random(3).nextBytes(content);
        Path file = Files.write(temp.resolve("file.bin"), content);

        try (HashedParts parts = HashedParts.start(file, content.length, PART, HashedPartsTest::open)) {
            assertThat(parts.count()).isEqualTo(3);
            for (int number = 1; number <= 3; number++) {
                FilePart part = parts.part(number).get();
                int from = (number - 1) * PART;
                int to = Math.min(content.length, from + PART);
                assertThat(part.file()).isEqualTo(file);
                assertThat(part.offset()).isEqualTo(from);
                assertThat(part.length()).isEqualTo(to - from);
                assertThat(part.sha256()).isEqualTo(Sha256.of(Arrays.copyOfRange(content, from, to)));
            }
        }
    }

    @Test
    void aReadErrorFailsThatPartAndTheRestButNotThoseBefore() throws Exception {
        Path file = Files.write(temp.resolve("file.bin"), new byte[3 * PART]);

        ParallelMultipartUpload.FileOpener failingInPart2 = path -> new RandomAccessFile(path.toFile(), "r") {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (getFilePointer() >= PART + 100) {
                    throw new IOException("disk read error (injected)");
                }
                return super.read(buffer, offset, length);
            }
        };

        try (HashedParts parts = HashedParts.start(file, 3L * PART, PART, failingInPart2)) {
            assertThat(parts.part(1).get().sha256()).isEqualTo(Sha256.of(new byte[PART]));
            for (int number = 2; number <= 3; number++) {
                int failing = number;
                assertThatThrownBy(() -> parts.part(failing).get())
                        .isInstanceOf(ExecutionException.class)
                        .hasRootCauseMessage("disk read error (injected)");
            }
        }
    }

    @Test
    void aFileShorterThanItsStatedSizeFailsTheMissingPartNamingTheFile() throws Exception {
        Path file = Files.write(temp.resolve("cut.bin"), new byte[PART + 10]);

        try (HashedParts parts = HashedParts.start(file, 2L * PART, PART, HashedPartsTest::open)) {
            assertThat(parts.part(1).get().length()).isEqualTo(PART);
            assertThatThrownBy(() -> parts.part(2).get())
                    .hasRootCauseInstanceOf(IOException.class)
                    .rootCause().hasMessageContaining(file.toString()).hasMessageContaining("truncated");
        }
    }

    private static RandomAccessFile open(Path path) throws IOException {
        return new RandomAccessFile(path.toFile(), "r");
    }
}
