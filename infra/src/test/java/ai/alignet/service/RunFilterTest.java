package ai.alignet.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RunFilterTest {

    @Test
    void buildsAVisibilityQueryFromTheGivenAttributes() {
        assertThat(RunFilter.none().toQuery()).isEqualTo("WorkflowType = 'AlignmentPipeline'");
        assertThat(new RunFilter("synthetic-teacher", "student-a", null, "", "completed").toQuery()).isEqualTo(
                "WorkflowType = 'AlignmentPipeline' AND AlignetTeacher = 'synthetic-teacher'"
                        + " AND AlignetStudent = 'student-a' AND ExecutionStatus = 'Completed'");
    }

    @Test
    void refusesValuesThatCouldChangeTheQueryNamingEachOne() {
        assertThatThrownBy(() -> new RunFilter(null, "a' OR 'x'='x", "done\"", null, "asleep").toQuery())
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.fields())
                        .hasSize(3)
                        .anySatisfy(f -> assertThat(f).startsWith("AlignetStudent"))
                        .anySatisfy(f -> assertThat(f).startsWith("AlignetStage"))
                        .anySatisfy(f -> assertThat(f).startsWith("status")));
    }
}
