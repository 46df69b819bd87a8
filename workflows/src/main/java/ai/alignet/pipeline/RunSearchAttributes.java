package ai.alignet.pipeline;

import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.pipeline.spec.StudentSpec;
import io.temporal.common.SearchAttributeKey;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The search attributes every run upserts (DESIGN.md §4), so the Temporal UI, the {@code temporal}
 * CLI and the control plane can list runs by teacher, student, stage and spec digest, e.g.
 * {@code temporal workflow list --query 'AlignetStudent="student-a"'}.
 *
 * <p>All are Keyword attributes and must be registered on the namespace before a run upserts them:
 * a server rejects an unknown attribute, and the run's workflow task would then retry until someone
 * registers them. Every server the project starts registers {@link #NAMES} itself; for other
 * servers see docs/operations.md ({@code temporal operator search-attribute create}).
 */
public final class RunSearchAttributes {

    public static final SearchAttributeKey<String> RUN_ID = SearchAttributeKey.forKeyword("AlignetRunId");
    public static final SearchAttributeKey<String> STAGE = SearchAttributeKey.forKeyword("AlignetStage");
    public static final SearchAttributeKey<String> TEACHER = SearchAttributeKey.forKeyword("AlignetTeacher");
    /** The student's name; a spec with several students lists them comma-separated, in spec order. */
    public static final SearchAttributeKey<String> STUDENT = SearchAttributeKey.forKeyword("AlignetStudent");
    public static final SearchAttributeKey<String> SPEC_DIGEST = SearchAttributeKey.forKeyword("AlignetSpecDigest");

    public static final List<SearchAttributeKey<String>> ALL = List.of(RUN_ID, STAGE, TEACHER, STUDENT, SPEC_DIGEST);

    /** The attribute names, all of type Keyword. */
    public static final List<String> NAMES = ALL.stream().map(SearchAttributeKey::getName).toList();

    private RunSearchAttributes() {}

    /** The value a run with this spec carries in {@code AlignetStudent}. */
    public static String students(PipelineSpec spec) {
        return spec.students().stream().map(StudentSpec::name).collect(Collectors.joining(","));
    }

    /** The value a run with this spec carries in {@code AlignetTeacher}: the backbone, or where its labels came from. */
    public static String teacher(PipelineSpec spec) {
        return spec.labels().fromReleased() ? "released-labels" : spec.teacher().backbone();
    }

    /** Workflow code only: records who this run is, once, right after the spec validated. */
    static void upsertIdentity(String runId, PipelineSpec spec, String specDigest) {
        List<SearchAttributeUpdate<?>> updates = new ArrayList<>();
        updates.add(RUN_ID.valueSet(runId));
        updates.add(TEACHER.valueSet(teacher(spec)));
        updates.add(STUDENT.valueSet(students(spec)));
        updates.add(SPEC_DIGEST.valueSet(specDigest));
        Workflow.upsertTypedSearchAttributes(updates.toArray(new SearchAttributeUpdate<?>[0]));
    }

    /** Workflow code only: the stage the run is in now ({@code done} or {@code failed} at the end). */
    static void upsertStage(String stage) {
        Workflow.upsertTypedSearchAttributes(STAGE.valueSet(stage));
    }
}
