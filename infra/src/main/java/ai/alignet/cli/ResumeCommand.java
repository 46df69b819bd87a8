package ai.alignet.cli;

import ai.alignet.runtime.TemporalConnection;
import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ./alignet resume ID}: starts a failed, terminated, cancelled or timed-out run again, as a new
 * run {@code <ID>-resumed-N} with the input spec read from the old run's history. Every unit of work
 * the old run finished is found by its cache key and reused; a distillation resumes from its newest
 * checkpoint.
 */
@Command(name = "resume", description = "Continue a failed or terminated run as a new run that reuses everything "
        + "finished; prints the new workflow id.")
public class ResumeCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "WORKFLOW_ID", description = "The run to continue.")
    String workflowId;

    @Mixin
    FollowOptions follow = new FollowOptions();

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            follow.check();
            try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal())) {
                WorkflowClient client = temporal.client();
                JsonNode spec = resumableSpec(client, workflowId);
                SpecFiles.validate(spec);
                PipelineLauncher launcher = new PipelineLauncher(client);
                String id = startNext(launcher, workflowId, spec);
                System.out.println(id);
                follow.followIfAsked(launcher, id);
            }
            return 0;
        });
    }

    /** The spec the run was started with, if the run has closed without success. */
    static JsonNode resumableSpec(WorkflowClient client, String workflowId) {
        WorkflowExecutionStatus status;
        try {
            status = client.newUntypedWorkflowStub(workflowId).describe().getStatus();
        } catch (WorkflowNotFoundException e) {
            throw new UserError("no run with workflow id '" + workflowId + "'; list runs in the Temporal UI or with"
                    + " 'temporal workflow list'");
        }
        switch (status) {
            case WORKFLOW_EXECUTION_STATUS_RUNNING, WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW ->
                    throw new UserError("run " + workflowId + " is still running; follow it with ./alignet status "
                            + workflowId + ", or terminate it first to resume it");
            case WORKFLOW_EXECUTION_STATUS_COMPLETED ->
                    throw new UserError("run " + workflowId + " completed; nothing to resume (./alignet status "
                            + workflowId + " shows its result)");
            default -> {
                // failed, terminated, cancelled, timed out: resumable
            }
        }
        WorkflowExecutionHistory history = client.fetchHistory(workflowId);
        HistoryEvent first = history.getEvents().get(0);
        if (!first.hasWorkflowExecutionStartedEventAttributes()
                || !first.getWorkflowExecutionStartedEventAttributes().hasInput()) {
            throw new UserError("run " + workflowId + " has no recorded input spec; start a new run with ./alignet run");
        }
        return client.getOptions().getDataConverter().fromPayloads(0,
                Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()), JsonNode.class, JsonNode.class);
    }

    /** Starts {@code <base>-resumed-N} with the first N not taken; a resumed run resumed again counts on. */
    static String startNext(PipelineLauncher launcher, String workflowId, JsonNode spec) {
        String base = workflowId.replaceFirst("-resumed-\\d+$", "");
        for (int n = 1; n <= 1000; n++) {
            String id = base + "-resumed-" + n;
            try {
                launcher.startAs(id, spec);
                return id;
            } catch (WorkflowExecutionAlreadyStarted taken) {
                // try the next number
            }
        }
        throw new UserError("run " + base + " has been resumed 1000 times; start a new run with ./alignet run");
    }
}
