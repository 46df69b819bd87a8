package ai.alignet.service;

import ai.alignet.pipeline.ArtifactRef;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a run's lineage from its Temporal history: every scheduled activity carries its stage context
 * (stage, cache key) and the artifact references it reads; every completion carries the references it
 * wrote. Nothing beyond the history is needed, and the history is the audited record of the run.
 */
public final class RunLineage {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunLineage() {}

    /** The finished units of work, in the order they were scheduled. */
    public static List<LineageStep> of(WorkflowExecutionHistory history) {
        Map<Long, HistoryEvent> scheduled = new LinkedHashMap<>();
        Map<Long, LineageStep> done = new LinkedHashMap<>();
        for (HistoryEvent e : history.getEvents()) {
            if (e.hasActivityTaskScheduledEventAttributes()) {
                scheduled.put(e.getEventId(), e);
                done.put(e.getEventId(), null);
            } else if (e.hasActivityTaskCompletedEventAttributes()) {
                var completed = e.getActivityTaskCompletedEventAttributes();
                HistoryEvent start = scheduled.get(completed.getScheduledEventId());
                if (start != null) {
                    done.put(completed.getScheduledEventId(), step(start, completed.getResult()));
                }
            }
        }
        return done.values().stream().filter(s -> s != null).toList();
    }

    /** The run's input: the spec JSON as it was given to the workflow. */
    public static Optional<JsonNode> spec(WorkflowExecutionHistory history) {
        for (HistoryEvent e : history.getEvents()) {
            if (e.hasWorkflowExecutionStartedEventAttributes()) {
                Payloads input = e.getWorkflowExecutionStartedEventAttributes().getInput();
                return input.getPayloadsCount() == 0 ? Optional.empty() : Optional.of(json(input.getPayloads(0)));
            }
        }
        return Optional.empty();
    }

    /** The step that wrote {@code key}, if any did in this run. */
    public static Optional<LineageStep> producerOf(List<LineageStep> steps, String key) {
        return steps.stream().filter(s -> s.outputs().stream().anyMatch(o -> o.ref().key().equals(key))).findFirst();
    }

    private static LineageStep step(HistoryEvent scheduled, Payloads result) {
        var attributes = scheduled.getActivityTaskScheduledEventAttributes();
        String stage = "";
        String cacheKey = "";
        List<ArtifactRef> inputs = new ArrayList<>();
        for (Payload p : attributes.getInput().getPayloadsList()) {
            JsonNode input = json(p);
            JsonNode context = input.path("context");
            if (context.isObject()) {
                stage = context.path("stage").asText("");
                cacheKey = context.path("cacheKey").asText("");
            }
            List<Output> found = new ArrayList<>();
            collect(input, "", found);
            found.forEach(o -> inputs.add(o.ref()));
        }
        List<Output> outputs = new ArrayList<>();
        boolean cached = false;
        for (Payload p : result.getPayloadsList()) {
            JsonNode out = json(p);
            cached |= out.path("timing").path("cached").asBoolean(false);
            collect(out, "", outputs);
        }
        List<LineageStep.Output> named = outputs.stream().map(o -> new LineageStep.Output(o.name(), o.ref())).toList();
        return new LineageStep(attributes.getActivityType().getName(), stage, cacheKey, cached, List.copyOf(inputs), named);
    }

    private record Output(String name, ArtifactRef ref) {}

    private static void collect(JsonNode node, String path, List<Output> into) {
        if (node.isObject()) {
            if (node.has("key") && node.has("sha256") && node.has("size")) {
                into.add(new Output(path.isEmpty() ? "value" : path,
                        new ArtifactRef(node.path("key").asText(), node.path("sha256").asText(), node.path("size").asLong())));
                return;
            }
            node.fields().forEachRemaining(f -> collect(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), into));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "[" + i + "]", into);
            }
        }
    }

    private static JsonNode json(Payload payload) {
        try {
            return JSON.readTree(payload.getData().toByteArray());
        } catch (IOException e) {
            // A payload in another encoding (binary, protobuf) holds no artifact references we can read.
            return JSON.missingNode();
        }
    }
}
