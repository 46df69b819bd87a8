package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Test
    void expectedCalibrationErrorMatchesHandComputedBins() {
        // bin [0, .5): conf .3, .35 -> mean .325, accuracy .5; bin [.5, 1]: conf .9, .8 -> mean .85, accuracy .5
        double expected = 2.0 / 4 * Math.abs(0.5 - 0.325) + 2.0 / 4 * Math.abs(0.5 - 0.85);
        double ece = Calibration.expectedCalibrationError(
                new double[] {0.9, 0.8, 0.3, 0.35}, new boolean[] {true, false, true, false}, 2);
        assertThat(ece).isCloseTo(expected, within(1e-12));
    }

    @Test
    void perfectlyCalibratedConfidenceOfOneHasZeroError() {
        assertThat(Calibration.expectedCalibrationError(new double[] {1.0, 1.0}, new boolean[] {true, true}, 10)).isZero();
    }

    @Test
    void meanLogLikelihoodIsTheAverage() {
        assertThat(Calibration.meanLogLikelihood(new double[] {-1, -2})).isEqualTo(-1.5);
    }

    @Test
    void mismatchedLengthsNameBothSizes() {
        assertThatThrownBy(() -> Calibration.expectedCalibrationError(new double[] {0.5}, new boolean[0], 10))
                .hasMessageContaining("1 entries").hasMessageContaining("0");
    }
}
