package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code alignet eval} against the PyTorch reference ({@code tools/eval_reference.py}, results
 * committed as expected-*.json): the exact counts per format and per type, for PNG and JPEG images, and
 * bad inputs named.
 * A hand-made tie at the top (eval-ties) is counted wrong.
 */
class EvalCommandTest {

    private static final Path GOLDEN = Path.of("../activities/src/test/resources/golden");
    private static final Path EVAL = GOLDEN.resolve("eval");
    private static final String MODEL = GOLDEN.resolve("backbones/vit-b16-tiny.pt").toString();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"trainset.txt, things", "triplets.npy, gl-npy", "levels.csv, csv"})
    void countsEqualThePyTorchReference(String file, String format) throws Exception {
        CapturedRun run = CapturedRun.of("eval", "--model", MODEL, "--image-size", "32", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", EVAL.resolve("images").toString(), "--triplets",
                EVAL.resolve(file).toString(), "--format", format, "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode actual = JSON.readTree(run.out());
        JsonNode expected = JSON.readTree(EVAL.resolve("expected-" + format + ".json").toFile());
        assertThat(actual.get("n").asInt()).isEqualTo(expected.get("n").asInt());
        assertThat(actual.get("correct").asInt()).isEqualTo(expected.get("correct").asInt());
        assertThat(actual.get("accuracy").asDouble()).isCloseTo(expected.get("accuracy").asDouble(), within(1e-12));
        assertThat(actual.get("byType").size()).isEqualTo(expected.get("byType").size());
        expected.get("byType").fields().forEachRemaining(e -> {
            assertThat(actual.get("byType").get(e.getKey()).get("n")).isEqualTo(e.getValue().get("n"));
            assertThat(actual.get("byType").get(e.getKey()).get("correct")).isEqualTo(e.getValue().get("correct"));
        });
    }

    @ParameterizedTest
    @CsvSource({"trainset.txt, things", "levels.csv, csv"})
    void jpegCountsEqualThePyTorchReferenceOnPilDecodedPixels(String file, String format) throws Exception {
        Path jpeg = GOLDEN.resolve("eval-jpeg");
        CapturedRun run = CapturedRun.of("eval", "--model", MODEL, "--image-size", "32", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", jpeg.resolve("images").toString(), "--triplets",
                jpeg.resolve(file).toString(), "--format", format, "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode actual = JSON.readTree(run.out());
        JsonNode expected = JSON.readTree(jpeg.resolve("expected-" + format + ".json").toFile());
        assertThat(actual.get("n").asInt()).isEqualTo(expected.get("n").asInt());
        assertThat(actual.get("correct").asInt()).isEqualTo(expected.get("correct").asInt());
        assertThat(actual.get("byType").size()).isEqualTo(expected.get("byType").size());
        expected.get("byType").fields().forEachRemaining(e -> {
            assertThat(actual.get("byType").get(e.getKey()).get("n")).isEqualTo(e.getValue().get("n"));
            assertThat(actual.get("byType").get(e.getKey()).get("correct")).isEqualTo(e.getValue().get("correct"));
        });
    }

    @Test
    void aTieAtTheTopIsNeverCorrect() throws Exception {
        Path ties = GOLDEN.resolve("eval-ties");
        CapturedRun run = CapturedRun.of("eval", "--model", ties.resolve("mean-colour.pt").toString(), "--image-size", "8",
                "--mean", "0,0,0", "--std", "1,1,1", "--images", ties.resolve("images").toString(), "--triplets",
                ties.resolve("triplets.txt").toString(), "--json");
        assertThat(run.exit()).as(run.err()).isZero();
        JsonNode result = JSON.readTree(run.out());
        assertThat(result.get("n").asInt()).isEqualTo(4);
        assertThat(result.get("correct").asInt()).isEqualTo(2);
    }

    @Test
    void badInputsExitWithTwoAndNameTheFileAndRecord() throws Exception {
        Path outOfRange = Files.writeString(dir.resolve("bad.txt"), "0 1 2\n0 1 99\n");
        CapturedRun run = CapturedRun.of("eval", "--model", MODEL, "--image-size", "32", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", EVAL.resolve("images").toString(), "--triplets", outOfRange.toString());
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("bad.txt line 2").contains("index 99 is out of range");

        CapturedRun wrongSize = CapturedRun.of("eval", "--model", MODEL, "--image-size", "28", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", EVAL.resolve("images").toString(), "--triplets",
                EVAL.resolve("trainset.txt").toString());
        assertThat(wrongSize.exit()).isEqualTo(2);
        assertThat(wrongSize.err()).contains(".png: image is 32x32 but the model takes 28x28");

        Path images = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < 3; i++) {
            Files.copy(EVAL.resolve("images/" + i + ".png"), images.resolve(i + ".png"));
        }
        Files.write(images.resolve("2.png"), new byte[] {1, 2, 3});
        Path triplet = Files.writeString(dir.resolve("one.txt"), "0 1 2\n");
        CapturedRun corrupt = CapturedRun.of("eval", "--model", MODEL, "--image-size", "32", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", images.toString(), "--triplets", triplet.toString());
        assertThat(corrupt.exit()).isEqualTo(2);
        assertThat(corrupt.err()).contains("2.png: not a PNG or JPEG image");

        Path csv = Files.writeString(dir.resolve("bad.csv"), "image1,image2,image3,odd_one_out\n0.png,1.png,2.png,4\n");
        CapturedRun badCsv = CapturedRun.of("eval", "--model", MODEL, "--image-size", "32", "--mean", "0.5,0.5,0.5",
                "--std", "0.5,0.5,0.5", "--images", images.toString(), "--triplets", csv.toString());
        assertThat(badCsv.exit()).isEqualTo(2);
        assertThat(badCsv.err()).contains("bad.csv line 2: odd_one_out must be 1, 2 or 3, got '4'");
    }
}
