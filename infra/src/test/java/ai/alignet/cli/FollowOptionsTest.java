package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code run} and {@code resume} share {@code --wait} / {@code --out} and refuse {@code --out} without
 * {@code --wait} before they contact Temporal (none runs here).
 */
class FollowOptionsTest {

    @TempDir
    Path dir;

    @Test
    void outWithoutWaitIsRefusedByRunAndResumeAlike() throws Exception {
        Path spec = Files.writeString(dir.resolve("spec.json"), "{\"preset\": \"synthetic-tiny\"}");
        String out = dir.resolve("reports").toString();
        Map<Object, String[]> commands = Map.of(
                new RunCommand(), new String[] {"--spec", spec.toString(), "--out", out},
                new ResumeCommand(), new String[] {"some-run", "--out", out});
        for (Map.Entry<Object, String[]> command : commands.entrySet()) {
            PrintStream saved = System.err;
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code;
            try {
                code = new CommandLine(command.getKey()).execute(command.getValue());
            } finally {
                System.setErr(saved);
            }
            String name = command.getKey().getClass().getSimpleName();
            assertThat(code).as(name).isNotZero();
            assertThat(err.toString(StandardCharsets.UTF_8)).as(name).contains("--out needs --wait");
        }
    }
}
