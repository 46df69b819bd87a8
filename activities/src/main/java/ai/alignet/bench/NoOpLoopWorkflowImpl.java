package ai.alignet.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

public class NoOpLoopWorkflowImpl implements NoOpLoopWorkflow {

    // A no-op answers in microseconds; 30 s only bounds a lost task on a badly overloaded machine.
    private final NoOpActivities activities = Workflow.newActivityStub(NoOpActivities.class,
            ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

    @Override
    public int run(int count) {
        int sum = 0;
        for (int i = 0; i < count; i++) {
            sum += activities.echo(1);
        }
        return sum;
    }
}
