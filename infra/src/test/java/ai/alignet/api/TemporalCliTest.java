package ai.alignet.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The {@code temporal} CLI, as an operator uses it: lists our runs by a search attribute and reads the
 * {@code progress} query.
 */
@QuarkusTest
@QuarkusTestResource(ControlPlaneStack.class)
class TemporalCliTest {

    @Test
    void listsRunsBySearchAttributeAndReadsProgress() throws Exception {
        String id = ApiRuns.completed("api-tiny");
        String address = ConfigProvider.getConfig().getValue("TEMPORAL_ADDRESS", String.class);

        String listed = "";
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!listed.contains(id) && System.nanoTime() < deadline) {
            listed = temporal("workflow", "list", "--address", address, "--query", "AlignetStudent=\"student-a\"");
            Thread.sleep(500);
        }
        assertThat(listed).contains(id);
        String none = temporal("workflow", "list", "--address", address, "--query",
                "AlignetStudent=\"student-a\" AND AlignetTeacher=\"no-such-teacher\"");
        assertThat(none).doesNotContain(id);

        String progress = temporal("workflow", "query", "--address", address, "--workflow-id", id, "--type", "progress");
        assertThat(progress).contains("\"runStatus\"").contains("completed").contains("distill");
    }

    private static String temporal(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("temporal"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}
