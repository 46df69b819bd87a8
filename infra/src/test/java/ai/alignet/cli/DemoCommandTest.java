package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code alignet demo} end to end on the embedded stack (in-process Temporal over gRPC, S3Proxy over
 * HTTP), with real DJL compute on the tiny preset: every stage runs, the report has the contract's
 * shape, and a second run is served from the stage cache.
 */
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsEveryStageWritesTheReportAndReusesFinishedStages() throws Exception {
        Path spec = Files.writeString(dir.resolve("tiny.json"), "{\"preset\": \"synthetic-tiny\"}");
        Path out = dir.resolve("out");
        Path data = dir.resolve("data");

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Metrics.addRegistry(meters);
        int exit;
        try {
            exit = new CommandLine(new AlignetCommand())
                    .execute("demo", "--spec", spec.toString(), "--out", out.toString(), "--data", data.toString());
        } finally {
            Metrics.removeRegistry(meters);
        }

        assertThat(exit).isZero();
        // The pipeline's own metrics: every corpus and THINGS image through the teacher once (240 + 96),
        // every distillation step counted, a finite latest loss.
        assertThat(meters.get("alignet.images.embedded").tag("stage", "embed").counter().count()).isEqualTo(336.0);
        assertThat(meters.get("alignet.distill.steps").tag("student", "student-a").counter().count()).isEqualTo(20.0);
        assertThat(meters.get("alignet.distill.loss").tag("student", "student-a").gauge().value()).isFinite();
        assertThat(meters.get("alignet.stage.compute").tag("stage", "teacher").tag("cached", "false").timer().count())
                .isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("workflowId").asText()).startsWith("alignet-synthetic-tiny-");
        assertThat(report.path("specDigest").asText()).hasSize(64);
        JsonNode accuracy = report.path("teacher").path("humanTripletAccuracy");
        assertThat(accuracy.path("before").asDouble()).isBetween(0.0, 1.0);
        assertThat(accuracy.path("after").asDouble()).isGreaterThan(accuracy.path("before").asDouble());
        for (String level : new String[] {"coarse", "fine", "boundary"}) {
            assertThat(report.path("humanCeiling").path(level).asDouble()).isBetween(0.34, 1.0);
            JsonNode student = report.path("students").get(0);
            assertThat(student.path("agreement").path("baseline").path(level).asDouble()).isBetween(0.0, 1.0);
            assertThat(student.path("agreement").path("aligned").path(level).asDouble()).isBetween(0.0, 1.0);
        }
        JsonNode student = report.path("students").get(0);
        assertThat(student.path("name").asText()).isEqualTo("student-a");
        assertThat(student.path("shiftProbeAccuracy").path("aligned").asDouble()).isBetween(0.0, 1.0);
        assertThat(student.path("lossCurve")).hasSize(20);
        // The tiny world has 20 corpus images per category: every shot count fits; its people report times.
        assertThat(student.path("fewShotAccuracy").fieldNames()).toIterable().containsExactly("1", "5", "10");
        assertThat(student.path("fewShotAccuracy").path("10").path("aligned").asDouble()).isBetween(0.0, 1.0);
        assertThat(student.path("reactionTimeCorrelation").path("aligned").asDouble()).isBetween(-1.0, 1.0);
        assertThat(student.path("adversarialImages").asInt()).isBetween(1, 96);
        assertThat(student.path("adversarialProbeAccuracy").path("baseline").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readString(out.resolve("report.html"))).contains("10-shot accuracy")
                .contains("entropy vs human reaction time (r)");
        assertThat(report.path("stages")).extracting(s -> s.path("name").asText())
                .containsExactly("prepare", "embed", "teacher", "cluster", "label", "distill", "evaluate");
        assertThat(report.path("stages")).allSatisfy(s -> assertThat(s.path("cached").asBoolean()).isFalse());
        String html = Files.readString(out.resolve("report.html"));
        assertThat(html).contains("<svg").contains("student-a").contains("coarse").contains("Training loss");

        // Same spec, same data folder: every stage comes from the store.
        Path again = dir.resolve("again");
        int second = new CommandLine(new AlignetCommand())
                .execute("demo", "--spec", spec.toString(), "--out", again.toString(), "--data", data.toString());
        assertThat(second).isZero();
        JsonNode cached = new ObjectMapper().readTree(again.resolve("report.json").toFile());
        assertThat(cached.path("stages")).allSatisfy(s -> assertThat(s.path("cached").asBoolean()).isTrue());
        assertThat(cached.path("students").get(0).path("agreement"))
                .isEqualTo(report.path("students").get(0).path("agreement"));
    }

    @Test
    void badSpecExitsWithTwoAndNamesTheFields() throws Exception {
        Path spec = Files.writeString(dir.resolve("bad.json"), "{\"preset\": \"synthetic-tiny\", \"students\": [{\"tau\": -1}]}");
        int exit = new CommandLine(new AlignetCommand())
                .execute("demo", "--spec", spec.toString(), "--out", dir.resolve("o").toString(), "--data", dir.toString());
        assertThat(exit).isEqualTo(2);
        assertThat(dir.resolve("o/report.json")).doesNotExist();
    }
}
