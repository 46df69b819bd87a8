package ai.alignet.cli;

import ai.alignet.pipeline.stages.LabelData;
import ai.alignet.pipeline.stages.LabelRequest;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.WorkflowExecutionHistory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The label stage of a run, read from the workflow's history: the request the "Label" activity was
 * scheduled with (its catalog names the images) and the result it completed with (the label shard
 * references). The history is the audit record, so this works for finished runs with no worker up.
 */
final class LabelStageHistory {

    static final String ACTIVITY_TYPE = "Label";

    record LabelStage(LabelRequest request, LabelData data) {}

    private LabelStageHistory() {}

    static LabelStage find(WorkflowClient client, String workflowId) {
        WorkflowExecutionHistory history;
        try {
            history = client.fetchHistory(workflowId);
        } catch (RuntimeException e) {
            throw new UserError("no history for workflow id '" + workflowId + "': " + e.getMessage()
                    + "; check the id with ./alignet status");
        }
        DataConverter converter = client.getOptions().getDataConverter();
        Map<Long, Payloads> scheduled = new HashMap<>();
        LabelStage found = null;
        for (HistoryEvent e : history.getEvents()) {
            if (e.hasActivityTaskScheduledEventAttributes()
                    && e.getActivityTaskScheduledEventAttributes().getActivityType().getName().equals(ACTIVITY_TYPE)) {
                scheduled.put(e.getEventId(), e.getActivityTaskScheduledEventAttributes().getInput());
            } else if (e.hasActivityTaskCompletedEventAttributes()) {
                var completed = e.getActivityTaskCompletedEventAttributes();
                Payloads input = scheduled.get(completed.getScheduledEventId());
                if (input != null) {
                    LabelRequest request = converter.fromPayloads(0, Optional.of(input), LabelRequest.class, LabelRequest.class);
                    LabelData data = converter.fromPayloads(0, Optional.of(completed.getResult()), LabelData.class, LabelData.class);
                    found = new LabelStage(request, data);
                }
            }
        }
        if (found == null) {
            throw new UserError("workflow '" + workflowId + "' has no completed label stage yet; wait for the run to pass "
                    + "the label stage (./alignet status " + workflowId + ")");
        }
        return found;
    }
}
