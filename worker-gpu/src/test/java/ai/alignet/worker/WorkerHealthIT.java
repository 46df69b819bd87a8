package ai.alignet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.testing.LocalPorts;
import ai.alignet.testing.SeaweedServer;
import ai.alignet.testing.TemporalDevServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged worker (the fast-jar the image runs) against a real Temporal dev server and SeaweedFS:
 * its readiness is UP only with the engine loaded and Temporal answering, goes DOWN when Temporal goes
 * away, and SIGTERM starts the drain.
 */
class WorkerHealthIT {

    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path dir;

    @Test
    void readyOnlyWithEngineAndTemporalAndDrainsOnSigterm() throws Exception {
        assertThat(APP).as("packaged worker (run 'mvn package' first)").exists();
        Path log = dir.resolve("worker.log");
        TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"));
        Process worker = null;
        try (SeaweedServer s3 = SeaweedServer.start(dir.resolve("seaweed"))) {
            // Chosen only now: Temporal and SeaweedFS bind several ports of their own while starting, and
            // one of them once took a port picked before them (CI: "Port … seems to be in use").
            int port = LocalPorts.free();
            Map<String, String> env = new HashMap<>(Map.of(
                    "TEMPORAL_ADDRESS", temporal.address(),
                    "S3_ENDPOINT", s3.endpoint(),
                    "S3_ACCESS_KEY", SeaweedServer.ACCESS_KEY,
                    "S3_SECRET_KEY", SeaweedServer.SECRET_KEY,
                    "ALIGNET_BUCKET", "alignet-health-it",
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "QUARKUS_HTTP_HOST", "127.0.0.1"));
            ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1", "-jar", APP.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().putAll(env);
            worker = pb.start();

            JsonNode ready = awaitReadiness(port, worker, log, r -> r.path("status").asText().equals("UP"));
            assertThat(checks(ready)).containsEntry("compute-engine", "UP").containsEntry("temporal", "UP")
                    .containsEntry("task-queue-polling", "UP");
            assertThat(get(port, "/q/health/live").statusCode()).isEqualTo(200);

            temporal.close();
            JsonNode unready = awaitReadiness(port, worker, log, r -> r.path("status").asText().equals("DOWN"));
            assertThat(checks(unready)).containsEntry("temporal", "DOWN").containsEntry("compute-engine", "UP");

            worker.destroy(); // SIGTERM, as the kubelet sends it
            assertThat(worker.waitFor(2, TimeUnit.MINUTES)).as("worker exits after SIGTERM").isTrue();
            assertThat(Files.readString(log)).contains("event=engine_loaded engine=PyTorch").contains("event=worker_draining");
        } finally {
            if (worker != null && worker.isAlive()) {
                worker.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            temporal.close();
        }
    }

    private static Map<String, String> checks(JsonNode health) {
        Map<String, String> byName = new HashMap<>();
        for (JsonNode check : health.path("checks")) {
            byName.put(check.path("name").asText(), check.path("status").asText());
        }
        return byName;
    }

    /** Start-up (engine, connections) and Temporal's absence take a while to show; wait for them, never assert on time. */
    private static JsonNode awaitReadiness(int port, Process worker, Path log, Predicate<JsonNode> shown) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            if (!worker.isAlive()) {
                throw new AssertionError("worker exited with " + worker.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> response = get(port, "/q/health/ready");
                last = new ObjectMapper().readTree(response.body());
                if (shown.test(last)) {
                    return last;
                }
            } catch (java.io.IOException notListeningYet) {
                // the HTTP server starts with the app
            }
            Thread.sleep(300);
        }
        throw new AssertionError("readiness never reached the expected state; last " + last + "\n" + String.join("\n",
                List.of(Files.readString(log))));
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
