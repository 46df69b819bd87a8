package ai.alignet.pipeline.spec;

import java.util.List;

/**
 * A fully resolved pipeline spec: every default applied, every value validated. Built only by
 * {@link SpecParser}; what users type (the Temporal UI's JSON input) may be much shorter.
 */
public record PipelineSpec(
        String preset,
        String name,
        long seed,
        WorldSpec world,
        TeacherSpec teacher,
        LabelSpec labels,
        List<StudentSpec> students,
        EvaluationSpec evaluation) {

    public PipelineSpec {
        students = List.copyOf(students);
    }
}
