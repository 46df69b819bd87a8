package ai.alignet.service;

import ai.alignet.pipeline.AlignmentPipeline;
import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.Progress;
import ai.alignet.pipeline.RunSearchAttributes;
import ai.alignet.pipeline.StageProgress;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.pipeline.spec.FieldError;
import ai.alignet.pipeline.spec.InvalidSpecException;
import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.pipeline.spec.SpecParser;
import ai.alignet.runtime.FailureMessages;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributes;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the REST API, the web pages and the CLI do with runs: start, list, describe, cancel, resume,
 * trace artifacts and fetch reports. All state lives in Temporal (runs, history, visibility) and the
 * artifact store; this class keeps none.
 */
@ApplicationScoped
public class RunService {

    private static final Logger LOG = LoggerFactory.getLogger(RunService.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");
    private static final Pattern WORKFLOW_ID = Pattern.compile("[A-Za-z0-9_.:@+-]{1,200}");

    @Inject
    TemporalAccess temporal;

    @Inject
    ArtifactAccess artifacts;

    @Inject
    MeterRegistry registry;

    /** Starts a run from a spec given as JSON text; returns the workflow id. */
    public String start(String specJson) {
        JsonNode spec = parseJson(specJson);
        PipelineSpec resolved = validate(spec);
        String id = "alignet-" + resolved.name() + "-" + LocalDateTime.now().format(STAMP) + "-"
                + UUID.randomUUID().toString().substring(0, 6);
        AlignmentPipeline pipeline = temporal.client().newWorkflowStub(AlignmentPipeline.class,
                WorkflowOptions.newBuilder().setTaskQueue(TaskQueues.CONTROL).setWorkflowId(id).build());
        WorkflowClient.start(pipeline::run, spec);
        registry.counter("alignet_runs_started_total").increment();
        MDC.put("workflowId", id);
        try {
            LOG.info("event=run_started preset={} students={}", resolved.preset(), RunSearchAttributes.students(resolved));
        } finally {
            MDC.remove("workflowId");
        }
        return id;
    }

    public List<RunSummary> list(RunFilter filter, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidRequestException("bad limit", List.of("limit: " + limit + " is not between 1 and 1000"));
        }
        String query = filter.toQuery();
        try {
            return temporal.client().listExecutions(query).limit(limit).map(RunService::summary).toList();
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
                throw new RunConflictException("this Temporal server cannot list runs by query (the embedded test "
                        + "server has no visibility store); use temporal server start-dev or a cluster");
            }
            throw e;
        }
    }

    public RunDetails describe(String workflowId) {
        WorkflowStub stub = stub(workflowId);
        WorkflowExecutionDescription description = describeOrThrow(stub, workflowId);
        RunSummary summary = summary(description);
        Progress progress = progress(stub);
        int cached = progress == null ? 0 : (int) progress.stages().stream().filter(StageProgress::cached).count();
        WorkflowExecutionStatus status = description.getStatus();
        if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
            PipelineResult result = stub.getResult(PipelineResult.class);
            return new RunDetails(summary, progress, cached, null, result.reportJson(), result.reportHtml(),
                    parseStoredJson(result.report()));
        }
        String failure = null;
        if (status != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            try {
                stub.getResult(5, TimeUnit.SECONDS, PipelineResult.class);
            } catch (Exception e) {
                failure = FailureMessages.innermost(e);
            }
        }
        return new RunDetails(summary, progress, cached, failure, null, null, null);
    }

    public void cancel(String workflowId) {
        WorkflowStub stub = stub(workflowId);
        WorkflowExecutionDescription description = describeOrThrow(stub, workflowId);
        if (description.getStatus() != WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
            throw new RunConflictException("run '" + workflowId + "' is " + statusName(description.getStatus())
                    + ", not running; only a running run can be cancelled");
        }
        stub.cancel();
        LOG.info("event=run_cancel_requested workflowId={}", workflowId);
    }

    /**
     * Starts a new run with the spec of an earlier one. Stages whose cache keys match finished work are
     * served from the store, so a failed multi-day run resumes where it stopped.
     */
    public String resume(String workflowId) {
        describeOrThrow(stub(workflowId), workflowId);
        JsonNode spec = RunLineage.spec(temporal.client().fetchHistory(workflowId))
                .orElseThrow(() -> new RunConflictException("run '" + workflowId + "' has no spec in its history"));
        String id = start(spec.toString());
        LOG.info("event=run_resumed from={} workflowId={}", workflowId, id);
        return id;
    }

    /** The artifacts the run's stages read and wrote, each with the step that produced it. */
    public List<LineageStep> lineage(String workflowId) {
        describeOrThrow(stub(workflowId), workflowId);
        return RunLineage.of(temporal.client().fetchHistory(workflowId));
    }

    /** report.json or report.html of a completed run, from the artifact store. */
    public byte[] report(String workflowId, String format) {
        if (!format.equals("json") && !format.equals("html")) {
            throw new InvalidRequestException("bad report format", List.of("format: '" + format + "' is not json or html"));
        }
        RunDetails details = describe(workflowId);
        if (details.reportJson() == null) {
            throw new RunConflictException("run '" + workflowId + "' is " + details.run().status()
                    + "; a report exists once it has completed");
        }
        return artifacts.store().get(format.equals("json") ? details.reportJson() : details.reportHtml());
    }

    /** Parses a list limit given as text (a query parameter). */
    public static int limit(String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidRequestException("bad limit", List.of("limit: '" + text + "' is not a whole number"));
        }
    }

    /** The whole spec check, as the workflow itself does it, so a bad spec is refused before it starts. */
    public static PipelineSpec validate(JsonNode spec) {
        try {
            return SpecParser.parse(spec);
        } catch (InvalidSpecException e) {
            throw new InvalidRequestException(e.getMessage(), e.errors().stream().map(FieldError::toString).toList());
        }
    }

    private WorkflowStub stub(String workflowId) {
        if (workflowId == null || !WORKFLOW_ID.matcher(workflowId).matches()) {
            throw new InvalidRequestException("bad workflow id",
                    List.of("id: '" + workflowId + "' may use only letters, digits and _.:@+- (at most 200)"));
        }
        return temporal.client().newUntypedWorkflowStub(workflowId);
    }

    private static WorkflowExecutionDescription describeOrThrow(WorkflowStub stub, String workflowId) {
        try {
            return stub.describe();
        } catch (WorkflowNotFoundException e) {
            throw new RunNotFoundException(workflowId);
        } catch (StatusRuntimeException e) {
            if (e.getStatus().getCode() == Status.Code.NOT_FOUND) {
                throw new RunNotFoundException(workflowId);
            }
            throw e;
        }
    }

    private static Progress progress(WorkflowStub stub) {
        try {
            return stub.query("progress", Progress.class);
        } catch (RuntimeException noWorker) {
            // No worker serves queries for this run right now; the rest of the description still holds.
            return null;
        }
    }

    private static RunSummary summary(WorkflowExecutionMetadata m) {
        SearchAttributes attributes = m.getTypedSearchAttributes();
        return new RunSummary(
                m.getExecution().getWorkflowId(),
                statusName(m.getStatus()),
                value(attributes, RunSearchAttributes.STAGE),
                value(attributes, RunSearchAttributes.TEACHER),
                value(attributes, RunSearchAttributes.STUDENT),
                value(attributes, RunSearchAttributes.SPEC_DIGEST),
                time(m.getStartTime()),
                time(m.getCloseTime()));
    }

    private static String value(SearchAttributes attributes, SearchAttributeKey<String> key) {
        try {
            return attributes.get(key);
        } catch (RuntimeException typeMismatch) {
            return null;
        }
    }

    private static String time(Instant t) {
        return t == null ? null : t.toString();
    }

    static String statusName(WorkflowExecutionStatus status) {
        return status.name().replace("WORKFLOW_EXECUTION_STATUS_", "").toLowerCase();
    }


    private static JsonNode parseJson(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidRequestException("empty request body",
                    List.of("body: send the spec as JSON, e.g. {\"preset\": \"synthetic-tiny\"}"));
        }
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || !node.isObject()) {
                throw new InvalidRequestException("the spec must be a JSON object",
                        List.of("body: send the spec as a JSON object, e.g. {\"preset\": \"synthetic-tiny\"}"));
            }
            return node;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new InvalidRequestException("the body is not valid JSON",
                    List.of("body: " + e.getOriginalMessage()));
        }
    }

    private static JsonNode parseStoredJson(String text) {
        try {
            return text == null ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
