package ai.alignet.formats;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short Python script with numpy, the independent reference for our numpy file formats.
 * CI installs numpy (.ci/install-servers); a missing numpy fails the test with that advice.
 */
public final class PythonProcess {

    private PythonProcess() {}

    /** Runs {@code script} with {@code args} in {@code dir}; returns stdout, fails on a non-zero exit. */
    public static String run(Path dir, String script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(System.getenv().getOrDefault("PYTHON", "python3"), "-c", script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("python did not finish within 120 s");
        }
        String text = new String(out, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new IllegalStateException("python exited " + p.exitValue() + " (is numpy installed? run "
                    + ".ci/install-servers): " + text);
        }
        return text;
    }
}
