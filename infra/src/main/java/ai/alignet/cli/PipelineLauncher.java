package ai.alignet.cli;

import ai.alignet.pipeline.AlignmentPipeline;
import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.Progress;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.runtime.FailureMessages;
import ai.alignet.storage.ArtifactStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts {@code AlignmentPipeline} runs, follows their progress and saves their reports. */
final class PipelineLauncher {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final WorkflowClient client;

    PipelineLauncher(WorkflowClient client) {
        this.client = client;
    }

    /** Starts a run and returns its workflow id at once. */
    String start(JsonNode spec, PipelineSpec resolved) {
        String id = "alignet-" + resolved.name() + "-" + LocalDateTime.now().format(STAMP) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        startAs(id, spec);
        return id;
    }

    /**
     * Starts a run under exactly {@code id}; throws {@link io.temporal.client.WorkflowExecutionAlreadyStarted}
     * if any run, open or closed, already has it (an id names one run for good).
     */
    void startAs(String id, JsonNode spec) {
        AlignmentPipeline pipeline = client.newWorkflowStub(AlignmentPipeline.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CONTROL)
                .setWorkflowId(id)
                .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                .build());
        WorkflowClient.start(pipeline::run, spec);
    }

    /** Waits for the run to close, drawing progress; returns the result or throws {@link RunFailed}. */
    PipelineResult await(String workflowId, PrintStream progressOut) {
        WorkflowStub stub = client.newUntypedWorkflowStub(workflowId);
        CompletableFuture<PipelineResult> result = stub.getResultAsync(PipelineResult.class);
        ProgressPrinter printer = new ProgressPrinter(progressOut);
        long started = System.nanoTime();
        try {
            while (true) {
                try {
                    PipelineResult r = result.get(1, TimeUnit.SECONDS);
                    printer.finish();
                    return r;
                } catch (TimeoutException stillRunning) {
                    try {
                        Progress p = stub.query("progress", Progress.class);
                        printer.show(p, (System.nanoTime() - started) / 1e9);
                    } catch (RuntimeException queryFailed) {
                        // The run may have just closed, or no worker serves queries yet: keep waiting.
                    }
                }
            }
        } catch (ExecutionException e) {
            printer.finish();
            throw new RunFailed(workflowId, FailureMessages.innermost(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailed(workflowId, "interrupted while waiting; the run goes on: ./alignet status " + workflowId);
        }
    }

    /** {@code --wait}: follows the run to its end, prints its summary and, given {@code out}, saves its reports. */
    void follow(String workflowId, Path out) {
        PipelineResult result = await(workflowId, System.err);
        ReportSummary.print(result.report(), System.err);
        if (out != null) {
            Path html = saveReports(result, Environment.store(), out);
            System.err.println("report: " + html.toAbsolutePath());
        }
    }

    /** Writes report.json (pretty) and report.html from the artifact store into {@code dir}. */
    static Path saveReports(PipelineResult result, ArtifactStore store, Path dir) {
        try {
            Files.createDirectories(dir);
            ObjectMapper json = new ObjectMapper();
            Object tree = json.readTree(store.get(result.reportJson()));
            Files.writeString(dir.resolve("report.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(tree) + "\n");
            Files.write(dir.resolve("report.html"), store.get(result.reportHtml()));
            return dir.resolve("report.html");
        } catch (IOException e) {
            throw new UserError("cannot write the report into " + dir + ": " + e.getMessage());
        }
    }


    /** A run that closed without success. */
    static final class RunFailed extends RuntimeException {
        RunFailed(String workflowId, String message) {
            super("run " + workflowId + " failed: " + message);
        }
    }
}
