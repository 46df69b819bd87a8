package ai.alignet.service;

import ai.alignet.pipeline.AlignmentPipeline;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Which runs to list, by the run search attributes; turns into a Temporal visibility query such as
 * {@code WorkflowType = 'AlignmentPipeline' AND AlignetStudent = 'student-a'}. Values are checked, not
 * escaped: a value that could change the query's meaning is refused.
 */
public record RunFilter(String teacher, String student, String stage, String specDigest, String status) {

    private static final Pattern SAFE_VALUE = Pattern.compile("[A-Za-z0-9_.,:/@+-]{1,200}");
    private static final List<String> STATUSES =
            List.of("Running", "Completed", "Failed", "Canceled", "Terminated", "ContinuedAsNew", "TimedOut");

    public static RunFilter none() {
        return new RunFilter(null, null, null, null, null);
    }

    /** @throws InvalidRequestException naming every value that is not allowed */
    public String toQuery() {
        Map<String, String> byAttribute = new LinkedHashMap<>();
        byAttribute.put("AlignetTeacher", teacher);
        byAttribute.put("AlignetStudent", student);
        byAttribute.put("AlignetStage", stage);
        byAttribute.put("AlignetSpecDigest", specDigest);
        List<String> errors = new ArrayList<>();
        StringBuilder q = new StringBuilder("WorkflowType = '" + AlignmentPipeline.WORKFLOW_TYPE + "'");
        byAttribute.forEach((attribute, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            if (!SAFE_VALUE.matcher(value).matches()) {
                errors.add(attribute + ": '" + value + "' may use only letters, digits and _.,:/@+- (at most 200)");
            } else {
                q.append(" AND ").append(attribute).append(" = '").append(value).append("'");
            }
        });
        if (status != null && !status.isEmpty()) {
            String normal = STATUSES.stream().filter(s -> s.equalsIgnoreCase(status)).findFirst().orElse(null);
            if (normal == null) {
                errors.add("status: '" + status + "' is not one of " + String.join(", ", STATUSES));
            } else {
                q.append(" AND ExecutionStatus = '").append(normal).append("'");
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidRequestException("bad run filter", errors);
        }
        return q.toString();
    }
}
