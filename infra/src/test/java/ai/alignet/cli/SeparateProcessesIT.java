package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.pipeline.AlignmentPipelineImpl;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.testing.SeaweedServer;
import ai.alignet.testing.TemporalDevServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline with every part in its own process, over real servers: the Temporal dev server
 * ({@code temporal server start-dev}), SeaweedFS as the S3 server, an {@code alignet worker} process,
 * and {@code alignet run --wait} as the client. The run's recorded history must replay against the
 * workflow code (the determinism guard).
 */
class SeparateProcessesIT {

    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void runCompletesWithAWorkerProcessAgainstTheDevServerAndSeaweedfs() throws Exception {
        assertThat(APP).as("packaged CLI (run 'mvn package' first)").exists();
        try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"));
                SeaweedServer s3 = SeaweedServer.start(dir.resolve("seaweed"))) {
            Map<String, String> env = Map.of(
                    "TEMPORAL_ADDRESS", temporal.address(),
                    "S3_ENDPOINT", s3.endpoint(),
                    "S3_ACCESS_KEY", SeaweedServer.ACCESS_KEY,
                    "S3_SECRET_KEY", SeaweedServer.SECRET_KEY,
                    "ALIGNET_BUCKET", "alignet-it");
            Process worker = cli(env, dir.resolve("worker.log"), "worker");
            try {
                Path spec = Files.writeString(dir.resolve("tiny.json"), "{\"preset\": \"synthetic-tiny\"}");
                Path out = dir.resolve("out");
                Process run = cli(env, dir.resolve("run.log"), "run", "--spec", spec.toString(), "--wait", "--out",
                        out.toString());
                assertThat(run.waitFor(8, TimeUnit.MINUTES)).as("run finished in time").isTrue();
                assertThat(run.exitValue()).as(Files.readString(dir.resolve("run.log"))).isZero();

                String workflowId = Files.readAllLines(dir.resolve("run.log")).stream()
                        .filter(l -> l.startsWith("alignet-")).findFirst().orElseThrow();
                JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
                assertThat(report.path("workflowId").asText()).isEqualTo(workflowId);
                assertThat(report.path("students").get(0).path("agreement").path("aligned").has("coarse")).isTrue();
                assertThat(out.resolve("report.html")).exists();

                Process status = cli(env, dir.resolve("status.log"), "status", workflowId);
                assertThat(status.waitFor(2, TimeUnit.MINUTES)).isTrue();
                String statusText = Files.readString(dir.resolve("status.log"));
                assertThat(status.exitValue()).as(statusText).isZero();
                assertThat(statusText).contains("status: completed").contains("distill");

                // The recorded history replays against the workflow code: no non-determinism crept in.
                try (TemporalConnection connection =
                        TemporalConnection.open(new TemporalSettings(temporal.address(), "default"))) {
                    WorkflowExecutionHistory history = connection.client().fetchHistory(workflowId);
                    assertThat(history.getEvents()).hasSizeGreaterThan(20);
                    WorkflowReplayer.replayWorkflowExecution(history, AlignmentPipelineImpl.class);
                }
            } finally {
                worker.destroy();
                if (!worker.waitFor(30, TimeUnit.SECONDS)) {
                    worker.destroyForcibly();
                }
            }
        }
    }

    private static Process cli(Map<String, String> env, Path log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true", "-jar",
                APP.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        return pb.start();
    }
}
