package ai.alignet.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Preemptions are retried by the workflow with their own budget; the server never retries them, so
 * they spend none of the RetryPolicy's error attempts (each retry is a new activity on attempt 1).
 */
class PreemptibleTest {

    @WorkflowInterface
    public interface Trainer {
        @WorkflowMethod
        String train(int budget);
    }

    @ActivityInterface
    public interface Step {
        String step();
    }

    public static class TrainerImpl implements Trainer {
        private final Step step = Workflow.newActivityStub(Step.class, StagePolicies.distill());

        @Override
        public String train(int budget) {
            return new Preemptible(budget).call("step", step::step);
        }
    }

    /** Preempted {@code preemptions} times, then throws {@code thenFail} once (if any), then succeeds. */
    static final class ReclaimedStep implements Step {
        final List<Integer> attempts = new CopyOnWriteArrayList<>();
        final AtomicInteger preemptions;
        final AtomicInteger errors;

        ReclaimedStep(int preemptions, int errors) {
            this.preemptions = new AtomicInteger(preemptions);
            this.errors = new AtomicInteger(errors);
        }

        @Override
        public String step() {
            attempts.add(Activity.getExecutionContext().getInfo().getAttempt());
            if (preemptions.getAndDecrement() > 0) {
                throw ApplicationFailure.newFailure("node reclaimed; checkpoint saved", Preemptible.FAILURE_TYPE);
            }
            if (errors.getAndDecrement() > 0) {
                throw new IllegalStateException("store hiccup");
            }
            return "trained";
        }
    }

    private TestWorkflowEnvironment env;

    @BeforeEach
    void start() {
        env = TestWorkflowEnvironment.newInstance();
    }

    @AfterEach
    void stop() {
        env.close();
    }

    private String run(ReclaimedStep step, int budget) {
        Worker control = env.newWorker(TaskQueues.CONTROL);
        control.registerWorkflowImplementationTypes(TrainerImpl.class);
        env.newWorker(TaskQueues.GPU).registerActivitiesImplementations(step);
        env.start();
        WorkflowClient client = env.getWorkflowClient();
        Trainer trainer = client.newWorkflowStub(Trainer.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CONTROL).build());
        return trainer.train(budget);
    }

    @Test
    void preemptionsAreRetriedByTheWorkflowAndEachRetryStartsAtAttemptOne() {
        ReclaimedStep step = new ReclaimedStep(3, 0);
        assertThat(run(step, 20)).isEqualTo("trained");
        assertThat(step.attempts).containsExactly(1, 1, 1, 1);
    }

    @Test
    void realErrorsStillUseTheRetryPolicyAfterPreemptions() {
        ReclaimedStep step = new ReclaimedStep(2, 1);
        assertThat(run(step, 20)).isEqualTo("trained");
        // two preempted activities, then one activity whose first attempt failed and second succeeded
        assertThat(step.attempts).containsExactly(1, 1, 1, 2);
    }

    @Test
    void aSpentPreemptionBudgetFailsTheRunAsPreempted() {
        ReclaimedStep step = new ReclaimedStep(10, 0);
        assertThatThrownBy(() -> run(step, 2))
                .isInstanceOf(WorkflowFailedException.class)
                .cause()
                .isInstanceOfSatisfying(ActivityFailure.class, f -> assertThat(f.getCause())
                        .isInstanceOfSatisfying(ApplicationFailure.class,
                                a -> assertThat(a.getType()).isEqualTo(Preemptible.FAILURE_TYPE)));
        assertThat(step.attempts).containsExactly(1, 1, 1);
    }
}
