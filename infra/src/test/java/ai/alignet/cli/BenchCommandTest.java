package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Each {@code alignet bench} command runs on a tiny input and prints one JSON object with its headline
 * figure. Only that the figures are positive and consistent is asserted — never how fast anything is.
 * tiny-vit.pt is a 1-block, 32-wide ViT exported by
 * {@code python3 tools/bench/make_vit.py --out tiny-vit.pt --size 32 --width 32 --depth 1 --heads 2}.
 */
class BenchCommandTest {

    @TempDir
    Path dir;

    @Test
    void embedPrintsImagesPerSecondForATorchScriptModel() throws Exception {
        JsonNode r = bench("embed", "--model", resource("bench/tiny-vit.pt").toString(), "--image-size", "32",
                "--batch", "2", "--images", "5", "--repeats", "2", "--json");
        assertThat(r.path("imagesPerSecond").asDouble()).isPositive();
        assertThat(r.path("embeddingDim").asInt()).isEqualTo(32);
        assertThat(r.path("imagesPerSecondSpread").path("samples").asInt()).isEqualTo(2);
    }

    @Test
    void distillStepPrintsSecondsPerStep() throws Exception {
        JsonNode r = bench("distill-step", "--batch", "4", "--steps", "2", "--warmup", "1", "--json");
        assertThat(r.path("secondsPerStep").asDouble()).isPositive();
        assertThat(r.path("secondsPerStepSpread").path("samples").asInt()).isEqualTo(2);
        assertThat(r.has("glibcTunables")).as("the malloc settings the figure was measured under").isTrue();
        assertThat(r.path("glibcTunables").isNull() ? null : r.path("glibcTunables").asText())
                .isEqualTo(System.getenv("GLIBC_TUNABLES"));
    }

    @Test
    void distillStepWritesAChromeTraceOfTheStepsAfterTheTimedOnes() throws Exception {
        Path trace = dir.resolve("ours.json");
        JsonNode r = bench("distill-step", "--batch", "4", "--steps", "2", "--warmup", "1", "--trace", trace.toString(),
                "--json");
        assertThat(r.path("secondsPerStepSpread").path("samples").asInt()).as("profiled steps are not timed").isEqualTo(2);
        JsonNode events = new ObjectMapper().readTree(trace.toFile()); // libtorch's legacy profiler: a bare event array
        List<String> names = new ArrayList<>();
        events.forEach(e -> names.add(e.path("name").asText()));
        assertThat(names).contains("aten::convolution_backward", "aten::mkldnn_convolution", "aten::max_pool2d");
    }

    @Test
    void labelScorePrintsTripletsPerSecondAndTheBandwidthBound() throws Exception {
        JsonNode r = bench("label-score", "--rows", "50", "--dim", "8", "--triplets", "200", "--repeats", "1", "--json");
        assertThat(r.path("tripletsPerSecond").asDouble()).isPositive();
        assertThat(r.path("boundTripletsPerSecond").asDouble()).isPositive();
        assertThat(r.path("fractionOfBound").asDouble())
                .isEqualTo(r.path("tripletsPerSecond").asDouble() / r.path("boundTripletsPerSecond").asDouble());
    }

    @Test
    void labelGenerateWritesShardsOfTheRequestedSizeAndTheSameHashForTheSameSeed() throws Exception {
        List<String> args = List.of("label-generate", "--rows", "60", "--dim", "8", "--sampling", "cluster_border_4",
                "--groups", "4", "--triplets", "250", "--validation", "20", "--shard-size", "100", "--json");
        JsonNode r = bench(args.toArray(String[]::new));
        assertThat(r.path("trainShards").asInt()).isEqualTo(3);
        assertThat(r.path("tripletsPerSecond").asDouble()).isPositive();
        String hash = r.path("sha256").asText();
        assertThat(hash).hasSize(64).isEqualTo(bench(args.toArray(String[]::new)).path("sha256").asText());
        List<String> otherSeed = new ArrayList<>(args);
        otherSeed.addAll(List.of("--seed", "8"));
        assertThat(bench(otherSeed.toArray(String[]::new)).path("sha256").asText()).isNotEqualTo(hash);
    }

    @Test
    void decodeWritesImagesAReferenceCanReadAndPrintsImagesPerSecond() throws Exception {
        Path images = dir.resolve("jpegs");
        JsonNode r = bench("decode", "--write-images", images.toString(), "--images", "3", "--image-size", "32",
                "--repeats", "1", "--json");
        assertThat(r.path("imagesPerSecond").asDouble()).isPositive();
        assertThat(r.path("images").asInt()).isEqualTo(3);
        try (var files = Files.list(images)) {
            assertThat(files.map(p -> p.getFileName().toString()).sorted())
                    .containsExactly("00000.jpg", "00001.jpg", "00002.jpg");
        }
    }

    @Test
    void kmeansPrintsSecondsPerIteration() throws Exception {
        JsonNode r = bench("kmeans", "--rows", "200", "--dim", "8", "--k", "4", "--iterations", "2", "--repeats", "1",
                "--json");
        assertThat(r.path("secondsPerIteration").isNumber()).isTrue();
        assertThat(r.path("iterations").asInt()).isBetween(1, 2);
    }

    @Test
    void aMissingModelIsAUserErrorNamingTheFile() {
        int exit = new CommandLine(new AlignetCommand()).execute("bench", "embed", "--model",
                dir.resolve("none.pt").toString(), "--json");
        assertThat(exit).isEqualTo(2);
    }

    private static JsonNode bench(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("bench"));
        all.addAll(List.of(args));
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        int exit;
        try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            System.setOut(out);
            exit = new CommandLine(new AlignetCommand()).execute(all.toArray(String[]::new));
        } finally {
            System.setOut(original);
        }
        String printed = captured.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).as("exit code; output: %s", printed).isZero();
        String lastLine = printed.substring(printed.lastIndexOf('\n') + 1);
        return new ObjectMapper().readTree(lastLine);
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(BenchCommandTest.class.getClassLoader().getResource(name).toURI());
    }
}
