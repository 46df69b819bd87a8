package ai.alignet.cli;

import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.Progress;
import ai.alignet.pipeline.StageProgress;
import ai.alignet.runtime.FailureMessages;
import ai.alignet.runtime.TemporalConnection;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowStub;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ./alignet status ID}: the run's state, its stages' progress, and its result or failure. */
@Command(name = "status", description = "Show a run's stage, progress, and result or failure.")
public class StatusCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID")
    String workflowId;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal())) {
                WorkflowStub stub = temporal.client().newUntypedWorkflowStub(workflowId);
                WorkflowExecutionStatus status;
                try {
                    status = stub.describe().getStatus();
                } catch (WorkflowNotFoundException e) {
                    throw new UserError("no run with workflow id '" + workflowId + "' on " + Environment.temporal().address());
                }
                String state = status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
                System.out.println("run:    " + workflowId);
                System.out.println("status: " + state);
                try {
                    Progress p = stub.query("progress", Progress.class);
                    if (!"done".equals(p.currentStage())) {
                        System.out.println("stage:  " + p.currentStage() + " (" + p.done() + "/" + p.total() + ")");
                    }
                    for (StageProgress s : p.stages()) {
                        System.out.printf("  %-9s %-8s %d/%d%s %6.1fs%n", s.name(), s.status(), s.done(), s.total(),
                                s.cached() ? " cached" : "", s.seconds());
                    }
                } catch (RuntimeException e) {
                    System.out.println("progress: unavailable (no worker is serving queries for this run)");
                }
                if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
                    PipelineResult result = stub.getResult(5, TimeUnit.SECONDS, PipelineResult.class);
                    ReportSummary.print(result.report(), System.out);
                    return 0;
                }
                if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
                    return 0;
                }
                try {
                    stub.getResult(5, TimeUnit.SECONDS, PipelineResult.class);
                } catch (Exception e) {
                    System.out.println("failure: " + FailureMessages.innermost(e));
                }
                return 1;
            }
        });
    }
}
