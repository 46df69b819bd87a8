package ai.alignet.bench;

import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Per-activity orchestration cost on a real Temporal server: a workflow calls a no-op activity
 * {@code count} times in sequence, on a worker in this process. From the history: schedule-to-start
 * (the server handing the task to a polling worker) and the round trip from one activity's scheduling
 * to the next's (completion, a workflow task, the next command). From the client: wall time per activity.
 */
public final class SchedulingLatencyBench {

    public record Result(String address, int activities, Spread scheduleToStartMillis, Spread roundTripMillis,
            double scheduleToStartP50Millis, double roundTripP50Millis, double clientMillisPerActivity) {}

    private SchedulingLatencyBench() {}

    public static Result run(WorkflowClient client, String address, int count) {
        String queue = "bench-noop-" + UUID.randomUUID();
        WorkerFactory factory = WorkerFactory.newInstance(client);
        try {
            Worker worker = factory.newWorker(queue);
            worker.registerWorkflowImplementationTypes(NoOpLoopWorkflowImpl.class);
            worker.registerActivitiesImplementations(new NoOpActivitiesImpl());
            factory.start();
            runOnce(client, queue, Math.min(count, 5)); // warm-up: class loading, gRPC channels, pollers
            String workflowId = queue + "-timed";
            long start = System.nanoTime();
            NoOpLoopWorkflow loop = client.newWorkflowStub(NoOpLoopWorkflow.class,
                    WorkflowOptions.newBuilder().setTaskQueue(queue).setWorkflowId(workflowId).build());
            loop.run(count);
            double clientSeconds = Spread.seconds(start);
            List<HistoryEvent> events = client.fetchHistory(workflowId).getEvents();
            Map<Long, Long> scheduledAt = new HashMap<>();
            List<Double> scheduleToStart = new ArrayList<>();
            List<Double> roundTrip = new ArrayList<>();
            long previousScheduled = -1;
            for (HistoryEvent e : events) {
                long micros = e.getEventTime().getSeconds() * 1_000_000L + e.getEventTime().getNanos() / 1_000;
                if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) {
                    scheduledAt.put(e.getEventId(), micros);
                    if (previousScheduled >= 0) {
                        roundTrip.add((micros - previousScheduled) / 1000.0);
                    }
                    previousScheduled = micros;
                } else if (e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
                    long scheduled = scheduledAt.get(e.getActivityTaskStartedEventAttributes().getScheduledEventId());
                    scheduleToStart.add((micros - scheduled) / 1000.0);
                }
            }
            Spread s2s = Spread.of(scheduleToStart);
            Spread trip = Spread.of(roundTrip.isEmpty() ? List.of(0.0) : roundTrip);
            return new Result(address, count, s2s, trip, s2s.median(), trip.median(), clientSeconds * 1000 / count);
        } finally {
            factory.shutdownNow();
        }
    }

    private static void runOnce(WorkflowClient client, String queue, int count) {
        client.newWorkflowStub(NoOpLoopWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(queue)
                .setWorkflowId(queue + "-warmup").build()).run(count);
    }
}
