package ai.alignet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.Preemptible;
import ai.alignet.storage.ArtifactStore;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.SeaweedServer;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fault injection against real servers (DESIGN.md §4): workers SIGKILLed and SIGTERMed mid-run, the
 * Temporal server and the object store stopped and started again. Every run must complete with the
 * result an undisturbed run gives. Each test writes to its own bucket, so no run is served from
 * another's cache.
 */
class FaultInjectionIT {

    private static final int STEPS = 60;
    private static final int CHECKPOINT_EVERY = 5;
    private static final Duration RUN_TIMEOUT = Duration.ofMinutes(6);

    @TempDir
    static Path dir;

    private static FaultStack stack;

    @BeforeAll
    static void startServers() {
        assertThat(FaultStack.APP).as("packaged CLI (run 'mvn package' first)").exists();
        stack = FaultStack.start(dir);
    }

    @AfterAll
    static void stopServers() {
        if (stack != null) {
            stack.close();
        }
    }

    @AfterEach
    void stopWorkers() {
        stack.stopWorkers();
    }

    /** A tiny run whose distillation is long enough, and checkpoints often enough, to be hit mid-way. */
    private static String spec(long seed) {
        return """
                {"preset": "synthetic-tiny", "seed": %d,
                 "students": [{"name": "student-a", "steps": %d, "checkpointEvery": %d,
                               "batchSize": 8}]}
                """.formatted(seed, STEPS, CHECKPOINT_EVERY);
    }

    @Test
    void sigkilledFiveTimesTheRunEndsWithTheCleanRunsResultLosingAtMostOneCheckpointInterval() {
        // The reference: the same spec, undisturbed. Then its distillation and evaluation outputs are
        // removed, so the second run reuses the finished upstream stages from the cache (same inputs,
        // bit for bit) and must recompute exactly the part that gets killed.
        stack.startWorker("sigkill");
        PipelineResult clean = stack.await(stack.start("fault-clean", spec(11)), RUN_TIMEOUT);
        stack.stopWorkers();
        ArtifactRef cleanModel = studentModel("sigkill");
        try (S3ArtifactStore store = stack.store("sigkill")) {
            for (String stage : List.of("stages/distill/", "stages/evaluate/")) {
                store.list(stage).forEach(store::delete);
            }
        }

        FaultStack.Worker worker = stack.startWorker("sigkill");
        String id = stack.start("fault-killed", spec(11));
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<String> measured = new ArrayList<>();
        for (int kill = 0; kill < 5; kill++) {
            // One kill per 40-step window, at a random step that is not on a checkpoint.
            int target = CHECKPOINT_EVERY + 2 * CHECKPOINT_EVERY * kill + 1 + random.nextInt(CHECKPOINT_EVERY - 1);
            worker.awaitStep(target, Duration.ofMinutes(3));
            worker.sigkill();
            int reached = worker.lastStep();
            int saved = worker.lastCheckpoint();
            worker = stack.startWorker("sigkill");
            worker.awaitStep(reached + 1, Duration.ofMinutes(3));
            int resumed = worker.resumedFrom();
            int redone = reached - resumed;
            measured.add("kill " + (kill + 1) + ": at step " + reached + ", last logged checkpoint " + saved
                    + ", resumed from " + resumed + ", redone " + redone);
            assertThat(resumed).as("resumed from the newest checkpoint the killed worker wrote").isGreaterThanOrEqualTo(saved)
                    .isGreaterThan(0);
            assertThat(redone).as("steps redone after kill %d", kill + 1).isBetween(0, CHECKPOINT_EVERY);
        }
        PipelineResult killed = stack.await(id, RUN_TIMEOUT);
        System.out.println("[fault-injection] kill seed " + seed + "; checkpoint interval " + CHECKPOINT_EVERY
                + " steps\n  " + String.join("\n  ", measured));

        JsonNode cleanReport = FaultStack.readTree(clean.report());
        JsonNode killedReport = FaultStack.readTree(killed.report());
        assertThat(killedReport.get("students")).isEqualTo(cleanReport.get("students"));
        assertThat(killedReport.get("teacher")).isEqualTo(cleanReport.get("teacher"));
        assertThat(killedReport.path("students").get(0).path("steps").asInt()).isEqualTo(STEPS);
        assertThat(studentModel("sigkill").sha256()).as("final student weights").isEqualTo(cleanModel.sha256());
        for (JsonNode stage : killedReport.get("stages")) {
            boolean recomputed = List.of("distill", "evaluate").contains(stage.path("name").asText());
            assertThat(stage.path("cached").asBoolean()).as(stage.toString()).isEqualTo(!recomputed);
        }

        assertNoSecret("fault-clean", "fault-killed");
    }

    @Test
    void sigtermDuringDistillationCheckpointsAndFailsTheAttemptAsPreempted() throws Exception {
        FaultStack.Worker worker = stack.startWorker("sigterm");
        String id = stack.start("fault-sigterm", spec(12));
        worker.awaitStep(CHECKPOINT_EVERY + 5, Duration.ofMinutes(3));
        worker.process().destroy();
        assertThat(worker.process().waitFor(90, TimeUnit.SECONDS)).as("worker exits after draining").isTrue();
        String log = worker.logText();
        assertThat(log).as("every in-flight task ended within the grace period").contains("event=drain_finished clean=true");
        int preemptedAt = worker.lastStep();
        assertThat(log).contains("event=preempted step=" + preemptedAt);
        assertThat(worker.lastCheckpoint()).as("checkpoint saved at the step the drain stopped").isEqualTo(preemptedAt);
        try (S3ArtifactStore store = stack.store("sigterm")) {
            String checkpoint = store.list("stages/distill/").stream()
                    .filter(k -> k.endsWith(String.format("step-%09d.ckpt", preemptedAt))).findFirst().orElseThrow();
            assertThat(store.get(store.stat(checkpoint).orElseThrow())).isNotEmpty();
        }

        FaultStack.Worker next = stack.startWorker("sigterm");
        stack.await(id, RUN_TIMEOUT);
        assertThat(next.resumedFrom()).isEqualTo(preemptedAt);

        List<HistoryEvent> history = stack.history(id);
        List<HistoryEvent> preempted = history.stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .filter(e -> e.getActivityTaskFailedEventAttributes().getFailure().getApplicationFailureInfo().getType()
                        .equals(Preemptible.FAILURE_TYPE))
                .toList();
        assertThat(preempted).hasSize(1);
        List<Integer> distillAttempts = attemptsOf(history, "Distill");
        // Two activities, each on its first attempt: the preemption was retried by the workflow and spent
        // nothing of the error RetryPolicy.
        assertThat(distillAttempts).containsExactly(1, 1);
    }

    @Test
    void temporalServerStoppedAndStartedAgainMidRunTheRunCompletes() {
        FaultStack.Worker worker = stack.startWorker("temporal-restart");
        String id = stack.start("fault-temporal-restart", spec(13));
        worker.awaitStep(CHECKPOINT_EVERY + 5, Duration.ofMinutes(3));
        stack.temporal.close();
        FaultStack.sleep(5_000);
        stack.temporal.restart();
        stack.reconnect();
        PipelineResult result = stack.await(id, RUN_TIMEOUT);
        assertThat(FaultStack.readTree(result.report()).path("students").get(0).path("steps").asInt()).isEqualTo(STEPS);
        assertThat(stack.status(id)).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);
        assertThat(worker.process().isAlive()).as("the same worker reconnected and carried on").isTrue();
    }

    @Test
    void objectStoreDownForThirtySecondsMidRunIsRetriedAndLeavesOnlyWholeVerifiedArtifacts() {
        FaultStack.Worker worker = stack.startWorker("s3-outage");
        String id = stack.start("fault-s3-outage", spec(14));
        worker.awaitStep(CHECKPOINT_EVERY + 5, Duration.ofMinutes(3));
        stack.s3.close();
        FaultStack.sleep(30_000);
        stack.s3.restart();
        PipelineResult result = stack.await(id, RUN_TIMEOUT);

        assertThat(attemptsOf(stack.history(id), null)).as("some attempt failed on the outage and was retried")
                .anyMatch(attempt -> attempt > 1);
        try (S3ArtifactStore store = stack.store("s3-outage")) {
            store.get(result.reportJson());
            store.get(result.reportHtml());
            List<String> visible = store.list("");
            assertThat(visible).isNotEmpty().noneMatch(k -> k.startsWith(ArtifactStore.TEMPORARY_PREFIX));
            for (String key : visible) {
                ArtifactRef ref = store.stat(key).orElseThrow();
                assertThat(store.get(ref)).as(key).hasSize((int) ref.size());
            }
            int orphans = store.collectOrphans(Duration.ZERO);
            System.out.println("[fault-injection] s3 outage: " + visible.size() + " artifacts verified, " + orphans
                    + " orphaned staging objects collected");
            assertThat(store.list(ArtifactStore.TEMPORARY_PREFIX)).isEmpty();
        }
        assertNoSecret(id);
    }

    @Test
    void aTerminatedRunResumedFromTheCliReusesFinishedStagesAndTheNewestCheckpoint() throws Exception {
        FaultStack.Worker lost = stack.startWorker("resume");
        String id = stack.start("fault-resume", spec(15));
        lost.awaitStep(CHECKPOINT_EVERY * 2 + 1, Duration.ofMinutes(3));
        // The node pool goes away with the worker on it, and the operator terminates the run. Killing the
        // worker first keeps its in-flight distillation from finishing (and being cached) after the
        // termination, which would make this test depend on timing.
        lost.sigkill();
        stack.client().newUntypedWorkflowStub(id).terminate("operator: node pool deleted");
        int saved = lost.lastCheckpoint();
        FaultStack.Worker worker = stack.startWorker("resume");

        ProcessBuilder resume = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-jar", FaultStack.APP.toString(), "resume", id, "--wait")
                .redirectErrorStream(true).redirectOutput(dir.resolve("resume.log").toFile());
        resume.environment().putAll(stack.env("resume"));
        Process cli = resume.start();
        assertThat(cli.waitFor(6, TimeUnit.MINUTES)).as("resume --wait finished").isTrue();
        String output = java.nio.file.Files.readString(dir.resolve("resume.log"));
        assertThat(cli.exitValue()).as(output).isZero();
        assertThat(output).contains(id + "-resumed-1");

        PipelineResult resumed = stack.await(id + "-resumed-1", RUN_TIMEOUT);
        for (JsonNode stage : FaultStack.readTree(resumed.report()).get("stages")) {
            boolean finishedBefore = List.of("prepare", "embed", "teacher", "cluster", "label")
                    .contains(stage.path("name").asText());
            assertThat(stage.path("cached").asBoolean()).as(stage.toString()).isEqualTo(finishedBefore);
        }
        assertThat(worker.resumedFrom()).as("the resumed run's distillation started from the newest checkpoint")
                .isGreaterThanOrEqualTo(saved).isGreaterThanOrEqualTo(CHECKPOINT_EVERY * 2);
    }

    /** The final student weights a run wrote to {@code bucket}. */
    private static ArtifactRef studentModel(String bucket) {
        try (S3ArtifactStore store = stack.store(bucket)) {
            String key = store.list("stages/distill/").stream().filter(k -> k.endsWith("/student.zip")).findFirst()
                    .orElseThrow();
            ArtifactRef ref = store.stat(key).orElseThrow();
            store.get(ref);
            return ref;
        }
    }

    /** The attempt number of every started activity of {@code activityType} (all when null), in order. */
    private static List<Integer> attemptsOf(List<HistoryEvent> history, String activityType) {
        Map<Long, String> types = new java.util.HashMap<>();
        List<Integer> attempts = new ArrayList<>();
        for (HistoryEvent e : history) {
            if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                types.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getActivityType().getName());
            } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                String type = types.get(e.getActivityTaskStartedEventAttributes().getScheduledEventId());
                if (activityType == null || activityType.equals(type)) {
                    attempts.add(e.getActivityTaskStartedEventAttributes().getAttempt());
                }
            }
        }
        return attempts;
    }

    /**
     * The S3 secret never reaches Temporal or the logs: every event of the runs' histories (inputs,
     * results, failures, heartbeat details; payload bytes printed as text) and every worker log.
     */
    private static void assertNoSecret(String... workflowIds) {
        String secret = SeaweedServer.SECRET_KEY;
        for (String id : workflowIds) {
            List<HistoryEvent> history = stack.history(id);
            assertThat(history).isNotEmpty();
            for (HistoryEvent e : history) {
                assertThat(e.toString()).as("event %d of %s", e.getEventId(), id).doesNotContain(secret);
                assertThat(e.toByteString().toString(StandardCharsets.ISO_8859_1)).doesNotContain(secret);
            }
        }
        assertThat(stack.allWorkerLogs()).isNotEmpty().doesNotContain(secret);
    }
}
