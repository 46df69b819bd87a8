package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingFileTest {

    @TempDir
    Path dir;

    @Test
    void writeProducesTheBytesOfEncodeAndReadGivesTheMatrixBack() throws Exception {
        // More floats than one file chunk (2^20), and not a multiple of it.
        EmbeddingMatrix m = random(4099, 300);
        Path file = dir.resolve("m.bin");
        EmbeddingFile.write(m, file);
        assertThat(Arrays.mismatch(Files.readAllBytes(file), EmbeddingFile.encode(m))).isEqualTo(-1);
        EmbeddingMatrix back = EmbeddingFile.read(file, "m.bin");
        assertThat(back.rows()).isEqualTo(4099);
        assertThat(back.dim()).isEqualTo(300);
        assertThat(Arrays.equals(back.values(), m.values())).isTrue();
    }

    @Test
    void aTruncatedOrForeignFileIsNamedInTheError() throws Exception {
        Path file = dir.resolve("cut.bin");
        byte[] bytes = EmbeddingFile.encode(random(10, 4));
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> EmbeddingFile.read(file, "stages/cluster/k/aligned.bin"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("stages/cluster/k/aligned.bin").hasMessageContaining("truncated or corrupt");
        bytes[0] = 'X';
        Files.write(file, bytes);
        assertThatThrownBy(() -> EmbeddingFile.read(file, "x.bin")).hasMessageContaining("x.bin: not an embedding file");
    }

    private static EmbeddingMatrix random(int rows, int dim) {
        return EmbeddingMatrix.gaussian(rows, dim, new SplittableRandom(rows));
    }
}
