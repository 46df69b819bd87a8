package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * JPEG pixels equal PIL's ({@code np.asarray(Image.open(f).convert("RGB"))}, written by
 * {@code tools/eval_reference.py make-golden-jpeg}) exactly, for 4:2:0 and 4:4:4 colour and greyscale
 * files: what lets {@code ./alignet eval} count the same triplets as the PyTorch reference on JPEGs.
 */
class ImagePixelsJpegGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/golden/eval-jpeg");

    @Test
    void decodedJpegPixelsEqualPils() throws Exception {
        Path file = DIR.resolve("pil-pixels.npz");
        NpyArray pil = NpzArchive.read(Files.readAllBytes(file), file.toString()).get("pixels");
        int images = pil.shape()[0];
        int size = pil.shape()[1];
        long[] expected = pil.ints();
        assertThat(images).isEqualTo(24);
        for (int n = 0; n < images; n++) {
            Path jpg = DIR.resolve("images/" + n + ".jpg");
            float[] chw = ImagePixels.decodeChw(Files.readAllBytes(jpg), jpg.toString(), size);
            int differing = 0;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    for (int c = 0; c < 3; c++) {
                        long want = expected[((n * size + y) * size + x) * 3 + c];
                        differing += Math.round(chw[c * size * size + y * size + x] * 255f) == want ? 0 : 1;
                    }
                }
            }
            assertThat(differing).as("values of %s that differ from PIL's", jpg.getFileName()).isZero();
        }
    }
}
