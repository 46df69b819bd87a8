package ai.alignet.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An activity busy in one long call for longer than its heartbeat timeout survives when the call is
 * wrapped in {@link Heartbeats#keepAlive}, and times out without it (on the Temporal test server,
 * which enforces heartbeat timeouts in real time here).
 */
class HeartbeatsTest {

    private static final String QUEUE = "heartbeats-test";

    @ActivityInterface
    public interface LongCall {
        String run(boolean keepAlive);
    }

    public static final class LongCallImpl implements LongCall {
        @Override
        public String run(boolean keepAlive) {
            if (keepAlive) {
                try (Heartbeats.KeepAlive alive = Heartbeats.keepAlive("cluster", Duration.ofMillis(300))) {
                    sleep();
                }
            } else {
                sleep();
            }
            return "finished";
        }

        private static void sleep() {
            try {
                Thread.sleep(3_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @WorkflowInterface
    public interface Caller {
        @WorkflowMethod
        String call(boolean keepAlive);
    }

    public static final class CallerImpl implements Caller {
        private final LongCall activity = Workflow.newActivityStub(LongCall.class, ActivityOptions.newBuilder()
                .setStartToCloseTimeout(Duration.ofSeconds(30))
                .setHeartbeatTimeout(Duration.ofSeconds(1))
                .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
                .build());

        @Override
        public String call(boolean keepAlive) {
            return activity.run(keepAlive);
        }
    }

    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false).build());
        Worker worker = env.newWorker(QUEUE);
        worker.registerWorkflowImplementationTypes(CallerImpl.class);
        worker.registerActivitiesImplementations(new LongCallImpl());
        env.start();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    @Test
    void aLongCallOutlivesTheHeartbeatTimeoutOnlyWithTheKeepAlive() {
        assertThat(caller("kept").call(true)).isEqualTo("finished");

        assertThatThrownBy(() -> caller("silent").call(false))
                .isInstanceOf(WorkflowFailedException.class)
                .cause().isInstanceOf(ActivityFailure.class)
                .cause().isInstanceOf(TimeoutFailure.class)
                .hasMessageContaining("HEARTBEAT");
    }

    private Caller caller(String id) {
        return env.getWorkflowClient().newWorkflowStub(Caller.class,
                WorkflowOptions.newBuilder().setTaskQueue(QUEUE).setWorkflowId(id).build());
    }
}
