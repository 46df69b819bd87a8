package ai.alignet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A bad spec must fail the run on its first workflow task: non-retryable, every bad field named. */
class InvalidSpecWorkflowTest {

    private TestWorkflowEnvironment env;
    private WorkflowClient client;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
        Worker worker = env.newWorker(TaskQueues.CONTROL);
        worker.registerWorkflowImplementationTypes(AlignmentPipelineImpl.class);
        env.start();
        client = env.getWorkflowClient();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void failsFastAndNonRetryablyNamingEveryField() throws Exception {
        AlignmentPipeline pipeline = client.newWorkflowStub(AlignmentPipeline.class, WorkflowOptions.newBuilder()
                .setTaskQueue(TaskQueues.CONTROL)
                .setWorkflowId("bad-spec")
                .setWorkflowRunTimeout(Duration.ofMinutes(5))
                .build());
        var spec = new ObjectMapper().readTree("{\"preset\":\"synthetic-tiny\",\"colour\":1,\"students\":[{\"steps\":0}]}");

        assertThatThrownBy(() -> pipeline.run(spec))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
                    assertThat(f.getType()).isEqualTo("InvalidSpec");
                    assertThat(f.isNonRetryable()).isTrue();
                    assertThat(f.getOriginalMessage()).contains("colour: unknown field").contains("students[0].steps");
                });
        var status = client.newUntypedWorkflowStub("bad-spec").describe().getStatus();
        assertThat(status).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
    }
}
