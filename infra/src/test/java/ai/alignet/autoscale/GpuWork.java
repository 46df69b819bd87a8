package ai.alignet.autoscale;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** A stand-in for a GPU stage: a workflow that runs one activity on a given GPU task queue. */
public final class GpuWork {

    private GpuWork() {}

    @ActivityInterface
    public interface Step {
        @ActivityMethod
        String train(String input);
    }

    @WorkflowInterface
    public interface Job {
        @WorkflowMethod
        String run(String gpuQueue);
    }

    public static class JobImpl implements Job {
        @Override
        public String run(String gpuQueue) {
            Step step = io.temporal.workflow.Workflow.newActivityStub(Step.class,
                    io.temporal.activity.ActivityOptions.newBuilder()
                            .setTaskQueue(gpuQueue)
                            // long enough that nothing times out while a test holds the backlog
                            .setStartToCloseTimeout(java.time.Duration.ofMinutes(10))
                            .setScheduleToStartTimeout(java.time.Duration.ofMinutes(10))
                            .build());
            return step.train("x");
        }
    }
}
