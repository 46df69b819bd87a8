package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SpearmanRsaTest {

    @Test
    void tiedValuesShareTheirAverageRank() {
        assertThat(SpearmanRsa.averageRanks(new double[] {1, 2, 2, 3})).containsExactly(1, 2.5, 2.5, 4);
    }

    @Test
    void matchesHandComputedRhoWithTies() {
        // ranks a = [1, 2.5, 2.5, 4], ranks b = [1, 2, 3, 4]; both means 2.5
        // cov = 2.25 + 0 + 0 + 2.25 = 4.5, var a = 4.5, var b = 5
        double expected = 4.5 / Math.sqrt(4.5 * 5);
        assertThat(SpearmanRsa.correlate(new double[] {1, 2, 2, 3}, new double[] {10, 20, 30, 40}))
                .isCloseTo(expected, within(1e-12));
    }

    @Test
    void monotoneTransformsGivePlusOrMinusOne() {
        double[] x = {0.1, 0.5, 2, 7, 9};
        double[] cubed = {0.001, 0.125, 8, 343, 729};
        double[] reversed = {5, 4, 3, 2, 1};
        assertThat(SpearmanRsa.correlate(x, cubed)).isCloseTo(1.0, within(1e-12));
        assertThat(SpearmanRsa.correlate(x, reversed)).isCloseTo(-1.0, within(1e-12));
    }
}
