package ai.alignet.faults;

import ai.alignet.pipeline.AlignmentPipeline;
import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.SeaweedServer;
import ai.alignet.testing.TemporalDevServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real servers of the fault-injection suite and the ways to hurt them: a Temporal dev server on a
 * SQLite file, SeaweedFS as the S3 server, and {@code alignet worker} processes started and killed by
 * PID. One worker generation at a time: every worker polls the same queues, and the bucket it writes
 * to comes from its environment.
 */
final class FaultStack implements AutoCloseable {

    static final Path APP = Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final TemporalDevServer temporal;
    final SeaweedServer s3;
    private TemporalConnection connection;
    private final List<Process> workers = new ArrayList<>();
    private int workerCount;

    private FaultStack(Path dir, TemporalDevServer temporal, SeaweedServer s3) {
        this.dir = dir;
        this.temporal = temporal;
        this.s3 = s3;
        this.connection = TemporalConnection.open(new TemporalSettings(temporal.address(), "default"));
    }

    static FaultStack start(Path dir) {
        TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"));
        try {
            return new FaultStack(dir, temporal, SeaweedServer.start(dir.resolve("seaweed")));
        } catch (RuntimeException e) {
            temporal.close();
            throw e;
        }
    }

    WorkflowClient client() {
        return connection.client();
    }

    Map<String, String> env(String bucket) {
        return Map.of(
                "TEMPORAL_ADDRESS", temporal.address(),
                "S3_ENDPOINT", s3.endpoint(),
                "S3_ACCESS_KEY", SeaweedServer.ACCESS_KEY,
                "S3_SECRET_KEY", SeaweedServer.SECRET_KEY,
                "ALIGNET_BUCKET", bucket,
                "ALIGNET_DRAIN_SECONDS", "60");
    }

    S3ArtifactStore store(String bucket) {
        S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig(bucket));
        store.ensureBucket();
        return store;
    }

    /** A worker process on all queues, writing to {@code bucket}; its log logs each distillation step. */
    Worker startWorker(String bucket) {
        Path log = dir.resolve("worker-" + (++workerCount) + ".log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=1",
                "-Dquarkus.log.category.\"ai.alignet.stages\".level=DEBUG", "-jar",
                APP.toString(), "worker");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env(bucket));
        try {
            Process p = pb.start();
            workers.add(p);
            return new Worker(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker from " + APP, e);
        }
    }

    /** Every worker log of this stack, concatenated. */
    String allWorkerLogs() {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i <= workerCount; i++) {
            try {
                out.append(Files.readString(dir.resolve("worker-" + i + ".log"), StandardCharsets.UTF_8));
            } catch (IOException e) {
                // a worker that never wrote a line
            }
        }
        return out.toString();
    }

    String start(String workflowId, String specJson) {
        AlignmentPipeline pipeline = client().newWorkflowStub(AlignmentPipeline.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CONTROL).setWorkflowId(workflowId).build());
        WorkflowClient.start(pipeline::run, readTree(specJson));
        return workflowId;
    }

    /**
     * Waits for the run's result, riding out a Temporal server that is away for a while (the long poll
     * fails, we ask again).
     */
    PipelineResult await(String workflowId, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                return client().newUntypedWorkflowStub(workflowId).getResult(30, TimeUnit.SECONDS, PipelineResult.class);
            } catch (WorkflowFailedException e) {
                throw e;
            } catch (TimeoutException e) {
                // still running
            } catch (RuntimeException e) {
                last = e;
                sleep(1000);
            }
        }
        throw new AssertionError("run " + workflowId + " did not finish within " + timeout, last);
    }

    WorkflowExecutionStatus status(String workflowId) {
        return client().newUntypedWorkflowStub(workflowId).describe().getStatus();
    }

    List<HistoryEvent> history(String workflowId) {
        return client().fetchHistory(workflowId).getEvents();
    }

    /** Closes and reopens the client connection (after the Temporal server came back on the same port). */
    void reconnect() {
        connection.close();
        connection = TemporalConnection.open(new TemporalSettings(temporal.address(), "default"));
    }

    void stopWorkers() {
        for (Process p : workers) {
            if (p.isAlive()) {
                p.destroyForcibly();
                try {
                    p.waitFor(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        workers.clear();
    }

    @Override
    public void close() {
        stopWorkers();
        connection.close();
        s3.close();
        temporal.close();
    }

    static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One worker process and its log. */
    record Worker(Process process, Path log) {

        private static final Pattern STEP = Pattern.compile("event=distill_step .*step=(\\d+)");
        private static final Pattern CHECKPOINT = Pattern.compile("event=checkpoint .*step=(\\d+)");
        private static final Pattern RESUME = Pattern.compile("event=distill_resume .*step=(\\d+)");

        String logText() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /** The highest distillation step this worker finished, or -1. */
        int lastStep() {
            return last(STEP);
        }

        int lastCheckpoint() {
            return last(CHECKPOINT);
        }

        /** The step this worker resumed distillation from, or -1 if it started fresh or never distilled. */
        int resumedFrom() {
            return last(RESUME);
        }

        private int last(Pattern pattern) {
            Matcher m = pattern.matcher(logText());
            int last = -1;
            while (m.find()) {
                last = Math.max(last, Integer.parseInt(m.group(1)));
            }
            return last;
        }

        /** Waits until this worker has finished at least {@code step} distillation steps. */
        void awaitStep(int step, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (lastStep() < step) {
                if (!process.isAlive()) {
                    throw new AssertionError("worker exited before distillation step " + step + ":\n" + tail());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("worker did not reach distillation step " + step + " within " + timeout
                            + " (at " + lastStep() + "):\n" + tail());
                }
                sleep(50);
            }
        }

        void sigkill() {
            process.destroyForcibly();
            try {
                process.waitFor(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        String tail() {
            List<String> lines = logText().lines().toList();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        }
    }
}
