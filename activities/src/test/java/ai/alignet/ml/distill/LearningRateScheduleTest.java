package ai.alignet.ml.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void warmsUpLinearlyFromZeroThenDecaysAlongACosineLikeOptax() {
        LearningRateSchedule schedule = new LearningRateSchedule(3e-5, 0.2, 20); // 4 warm-up steps
        assertThat(schedule.warmupSteps()).isEqualTo(4);
        assertThat(schedule.at(0)).isEqualTo(0.0);
        assertThat(schedule.at(1)).isCloseTo(0.75e-5, offset(1e-15));
        assertThat(schedule.at(3)).isCloseTo(2.25e-5, offset(1e-15));
        assertThat(schedule.at(4)).isCloseTo(3e-5, offset(1e-15));
        assertThat(schedule.at(10)).isCloseTo(3e-5 * 0.5 * (1 + Math.cos(Math.PI * 6 / 16)), offset(1e-15));
        assertThat(schedule.at(19)).isCloseTo(3e-5 * 0.5 * (1 + Math.cos(Math.PI * 15 / 16)), offset(1e-15));
    }

    @Test
    void withoutWarmUpStartsAtThePeak() {
        LearningRateSchedule schedule = new LearningRateSchedule(1.0, 0.0, 5);
        assertThat(schedule.at(0)).isEqualTo(1.0);
        assertThat(schedule.at(2)).isCloseTo(0.5 * (1 + Math.cos(Math.PI * 2 / 5)), offset(1e-12));
    }

    @Test
    void refusesStepsOutsideTheRun() {
        assertThatThrownBy(() -> new LearningRateSchedule(1.0, 0.1, 10).at(10)).hasMessageContaining("step 10");
    }
}
