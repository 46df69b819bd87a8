package ai.alignet.api;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.pipeline.RunSearchAttributes;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.testing.LocalPorts;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowExecutionDescription;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Headless Chromium (Debian's package, driven by playwright-core from Node) against the real Temporal
 * dev server's Web UI and against our run page served by the packaged {@code alignet server}.
 * Screenshots land in {@code target/browser/}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

    private static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    private static final Path SCRIPTS = Path.of("src/test/browser").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/browser").toAbsolutePath();

    private static ControlPlaneStack stack;
    private static Map<String, String> env;
    private static Process server;
    private static int serverPort;
    private static String uiRun;

    @BeforeAll
    static void startEverything() throws Exception {
        assertThat(APP).as("packaged CLI (run 'mvn package' first)").exists();
        assertThat(SCRIPTS.resolve("node_modules/playwright-core"))
                .as("playwright-core: run 'npm ci' in infra/src/test/browser (.ci/install-servers does it)").exists();
        assertThat(Path.of("/usr/bin/chromium")).as("Debian's chromium: apt-get install -y chromium").exists();
        Files.createDirectories(SHOTS);
        stack = new ControlPlaneStack();
        env = stack.start();
        serverPort = LocalPorts.free();
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dquarkus.http.host-enabled=true", "-Dquarkus.http.port=" + serverPort,
                "-jar", APP.toString(), "server", "--port", Integer.toString(serverPort));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(SHOTS.resolve("server.log").toFile());
        env.forEach((k, v) -> {
            if (k.equals(k.toUpperCase())) {
                pb.environment().put(k, v);
            }
        });
        server = pb.start();
        awaitHttp("http://127.0.0.1:" + serverPort + "/");
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(20, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void startsThePipelineFromTheTemporalUiFormAndSeesItComplete() throws Exception {
        uiRun = "alignet-from-ui-" + UUID.randomUUID().toString().substring(0, 8);
        String out = node("temporal-ui-start.mjs", Map.of(
                "UI_URL", env.get("alignet.test.temporal-ui"),
                "WORKFLOW_ID", uiRun,
                "SPEC", "{\"preset\": \"synthetic-tiny\"}",
                "TIMEOUT_S", "420"));
        assertThat(out).contains("Completed");
        try (TemporalConnection temporal = TemporalConnection.open(new TemporalSettings(env.get("TEMPORAL_ADDRESS"), "default"))) {
            WorkflowExecutionDescription d = temporal.client().newUntypedWorkflowStub(uiRun).describe();
            assertThat(d.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
            assertThat(d.getWorkflowType()).isEqualTo("AlignmentPipeline");
            assertThat(d.getTypedSearchAttributes().get(RunSearchAttributes.STUDENT)).isEqualTo("student-a");
            assertThat(d.getTypedSearchAttributes().get(RunSearchAttributes.STAGE)).isEqualTo("done");
        }
        assertThat(SHOTS.resolve("temporal-ui-run.png")).exists();
    }

    @Test
    @Order(2)
    void ourRunPageShowsProgressAndChartsWithoutScriptErrors() throws Exception {
        assertThat(uiRun).as("the run started from the Temporal UI").isNotNull();
        String out = node("run-page.mjs", Map.of("PAGE_URL", "http://127.0.0.1:" + serverPort + "/runs/" + uiRun
                + "?token=" + ControlPlaneStack.TOKEN));
        assertThat(out).contains("stages=7 fullBars=7");
        assertThat(SHOTS.resolve("run-page.png")).exists();
    }

    private static String node(String script, Map<String, String> vars) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("node", SCRIPTS.resolve(script).toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(SCRIPTS.toFile()).redirectErrorStream(true);
        pb.environment().putAll(vars);
        pb.environment().put("SHOTS", SHOTS.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as(script + " finished").isTrue();
        assertThat(p.exitValue()).as(script + " output:\n" + out).isZero();
        return out;
    }

    private static void awaitHttp(String url) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new IllegalStateException("alignet server exited: " + Files.readString(SHOTS.resolve("server.log")));
            }
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status == 401) {
                    return;
                }
            } catch (java.io.IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("alignet server not answering on " + url + "; see " + SHOTS.resolve("server.log"));
    }
}
