package ai.alignet.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The whole AligNet method as one durable run: prepare, embed, teacher, cluster, label, distill,
 * evaluate. The input is the JSON spec exactly as a user types it (for example
 * {@code {"preset": "synthetic-demo"}}); it is taken as a raw JSON tree so that a malformed spec fails
 * the run with a readable error instead of a deserialisation failure that Temporal would retry.
 */
@WorkflowInterface
public interface AlignmentPipeline {

    String WORKFLOW_TYPE = "AlignmentPipeline";

    @WorkflowMethod(name = WORKFLOW_TYPE)
    PipelineResult run(JsonNode spec);

    @QueryMethod
    Progress progress();
}
