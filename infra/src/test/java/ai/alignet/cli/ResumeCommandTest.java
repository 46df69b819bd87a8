package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.pipeline.TaskQueues;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.client.WorkflowClient;
import io.temporal.testing.TestWorkflowEnvironment;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code alignet resume}: the spec comes from the old run's history, the new run gets the next free
 * {@code <id>-resumed-N}, and only runs that closed without success can be resumed. No worker polls
 * here, so started runs stay open until the test terminates them.
 */
class ResumeCommandTest {

    private TestWorkflowEnvironment env;
    private WorkflowClient client;
    private PipelineLauncher launcher;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        env.newWorker(TaskQueues.CPU); // a worker factory must exist to start the environment
        env.start();
        client = env.getWorkflowClient();
        launcher = new PipelineLauncher(client);
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void resumesATerminatedRunWithItsOwnSpecUnderTheNextFreeId() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(
                "{\"preset\": \"synthetic-tiny\", \"seed\": 5, \"students\": [{\"name\": \"s\", \"steps\": 7}]}");
        launcher.startAs("run-1", spec);

        assertThatThrownBy(() -> ResumeCommand.resumableSpec(client, "run-1"))
                .isInstanceOf(UserError.class).hasMessageContaining("still running");

        client.newUntypedWorkflowStub("run-1").terminate("node pool deleted");
        assertThat(ResumeCommand.resumableSpec(client, "run-1")).isEqualTo(spec);
        assertThat(ResumeCommand.startNext(launcher, "run-1", spec)).isEqualTo("run-1-resumed-1");

        client.newUntypedWorkflowStub("run-1-resumed-1").terminate("again");
        assertThat(ResumeCommand.resumableSpec(client, "run-1-resumed-1")).isEqualTo(spec);
        assertThat(ResumeCommand.startNext(launcher, "run-1-resumed-1", spec)).isEqualTo("run-1-resumed-2");
        client.newUntypedWorkflowStub("run-1-resumed-2").terminate("done testing");
    }

    @Test
    void namesAnUnknownRun() {
        assertThatThrownBy(() -> ResumeCommand.resumableSpec(client, "no-such-run"))
                .isInstanceOf(UserError.class).hasMessageContaining("no run with workflow id 'no-such-run'");
    }
}
