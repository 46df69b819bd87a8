package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class OddOneOutTest {

    // a = (1, 0), b = (0.9, 0.1), c = (0, 1): S_ab = 0.9, S_ac = 0, S_bc = 0.1.
    private static final EmbeddingMatrix THREE = new EmbeddingMatrix(3, 2, new float[] {1, 0, 0.9f, 0.1f, 0, 1});

    @Test
    void oddOneOutIsTheItemOutsideTheMostSimilarPair() {
        assertThat(OddOneOut.oddPosition(THREE, 0, 1, 2)).isEqualTo(2);
        assertThat(OddOneOut.oddPosition(THREE, 2, 0, 1)).isEqualTo(0);
        assertThat(OddOneOut.oddPosition(THREE, 0, 2, 1)).isEqualTo(1);
    }

    @Test
    void probabilitiesArePerPositionSoftmaxOverPairSimilaritiesOverTemperature() {
        // position 0 <- pair (b, c) = 0.1, position 1 <- pair (a, c) = 0, position 2 <- pair (a, b) = 0.9; T = 0.5
        double e0 = Math.exp(0.1 / 0.5);
        double e1 = Math.exp(0.0 / 0.5);
        double e2 = Math.exp(0.9 / 0.5);
        double z = e0 + e1 + e2;
        double[] p = OddOneOut.probabilities(THREE, 0, 1, 2, 0.5);
        assertThat(p[0]).isCloseTo(e0 / z, within(1e-6));
        assertThat(p[1]).isCloseTo(e1 / z, within(1e-6));
        assertThat(p[2]).isCloseTo(e2 / z, within(1e-6));
    }

    @Test
    void logProbabilitiesStayFiniteForHugeLogits() {
        EmbeddingMatrix big = new EmbeddingMatrix(3, 1, new float[] {100, 100, -100});
        double[] log = OddOneOut.logProbabilities(big, 0, 1, 2, 1.0);
        // S_bc = -10000, S_ac = -10000, S_ab = 10000: log p_0 = -20000 - log(1 + 2·e^-20000) = -20000 in doubles
        assertThat(log[0]).isCloseTo(-20000.0, within(1e-6));
        assertThat(log[2]).isCloseTo(0.0, within(1e-6));
    }

    @Test
    void accuracyCountsTiesAsWrong() {
        EmbeddingMatrix tied = new EmbeddingMatrix(3, 1, new float[] {1, 1, 1});
        assertThat(OddOneOut.accuracy(tied, List.of(new Triplet(0, 1, 2)))).isZero();
        assertThat(OddOneOut.accuracy(THREE, List.of(new Triplet(0, 1, 2), new Triplet(0, 2, 1), new Triplet(1, 0, 2),
                new Triplet(2, 1, 0)))).isEqualTo(0.5);
    }

    @Test
    void rejectsNonPositiveTemperature() {
        assertThatThrownBy(() -> OddOneOut.probabilities(THREE, 0, 1, 2, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("temperature");
    }
}
