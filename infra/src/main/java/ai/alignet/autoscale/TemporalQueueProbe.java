package ai.alignet.autoscale;

import com.google.protobuf.ByteString;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.PendingActivityState;
import io.temporal.api.enums.v1.TaskQueueType;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflow.v1.PendingActivityInfo;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.DescribeTaskQueueRequest;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads a task queue's load from Temporal: the activity backlog from {@code DescribeTaskQueue} with
 * {@code report_stats} (the approximate backlog count, which counts tasks no worker has picked up),
 * and the started activities of running workflows from {@code DescribeWorkflowExecution}, grouped by
 * the identity of the worker that runs them.
 */
public final class TemporalQueueProbe {

    private static final String RUNNING = "ExecutionStatus=\"Running\"";

    private final WorkflowServiceStubs service;
    private final String namespace;

    public TemporalQueueProbe(WorkflowServiceStubs service, String namespace) {
        this.service = service;
        this.namespace = namespace;
    }

    public QueueLoad load(String taskQueue) {
        try {
            return new QueueLoad(backlog(taskQueue), runningByHost(taskQueue));
        } catch (StatusRuntimeException e) {
            throw new AutoscalerException("cannot read task queue " + taskQueue + " in Temporal namespace " + namespace
                    + ": " + e.getStatus().getCode() + " (" + e.getStatus().getDescription()
                    + "); check TEMPORAL_ADDRESS and the NetworkPolicy to the frontend", e);
        }
    }

    long backlog(String taskQueue) {
        return service.blockingStub().describeTaskQueue(DescribeTaskQueueRequest.newBuilder()
                        .setNamespace(namespace)
                        .setTaskQueue(TaskQueue.newBuilder().setName(taskQueue))
                        .setTaskQueueType(TaskQueueType.TASK_QUEUE_TYPE_ACTIVITY)
                        .setReportStats(true)
                        .build())
                .getStats()
                .getApproximateBacklogCount();
    }

    Map<String, Integer> runningByHost(String taskQueue) {
        Map<String, Integer> byHost = new HashMap<>();
        ByteString page = ByteString.EMPTY;
        do {
            ListWorkflowExecutionsResponse listed = service.blockingStub().listWorkflowExecutions(
                    ListWorkflowExecutionsRequest.newBuilder()
                            .setNamespace(namespace).setQuery(RUNNING).setPageSize(200).setNextPageToken(page).build());
            for (WorkflowExecutionInfo run : listed.getExecutionsList()) {
                countStarted(run.getExecution(), taskQueue, byHost);
            }
            page = listed.getNextPageToken();
        } while (!page.isEmpty());
        return byHost;
    }

    private void countStarted(WorkflowExecution execution, String taskQueue, Map<String, Integer> byHost) {
        var described = service.blockingStub().describeWorkflowExecution(DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace(namespace).setExecution(execution).build());
        for (PendingActivityInfo activity : described.getPendingActivitiesList()) {
            String queue = activity.getActivityOptions().getTaskQueue().getName();
            boolean onQueue = queue.isEmpty() || queue.equals(taskQueue);
            if (onQueue && activity.getState() == PendingActivityState.PENDING_ACTIVITY_STATE_STARTED) {
                byHost.merge(hostOf(activity.getLastWorkerIdentity()), 1, Integer::sum);
            }
        }
    }

    /** The Java SDK's default worker identity is {@code pid@hostname}; a pod's hostname is its name. */
    static String hostOf(String identity) {
        int at = identity.indexOf('@');
        return at < 0 ? identity : identity.substring(at + 1);
    }
}
