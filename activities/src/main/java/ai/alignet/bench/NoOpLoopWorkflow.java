package ai.alignet.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** Calls {@link NoOpActivities#echo} {@code count} times, one after another. */
@WorkflowInterface
public interface NoOpLoopWorkflow {

    @WorkflowMethod
    int run(int count);
}
