package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AgreementEvaluatorTest {

    // Items 0, 1 close together, 2 far: the model's odd one out of (0, 1, 2) is position 2.
    private static final EmbeddingMatrix E = new EmbeddingMatrix(3, 2, new float[] {1, 0, 0.9f, 0.1f, 0, 1});

    @Test
    void agreementIsPerTypeInFirstSeenOrder() {
        List<JudgedTriplet> triplets = List.of(
                new JudgedTriplet(0, 1, 2, "fine", new int[] {0, 1, 5}),   // majority 2, model 2: hit
                new JudgedTriplet(0, 1, 2, "coarse", new int[] {4, 1, 0}), // majority 0, model 2: miss
                new JudgedTriplet(2, 0, 1, "fine", new int[] {3, 0, 0}),   // majority 0, model 0: hit
                new JudgedTriplet(0, 2, 1, "fine", new int[] {0, 0, 2}));  // majority 2, model 1: miss
        Map<String, LevelAgreement> result = AgreementEvaluator.evaluate(E, triplets, 200, 7);

        assertThat(result.keySet()).containsExactly("fine", "coarse");
        LevelAgreement fine = result.get("fine");
        assertThat(fine.n()).isEqualTo(3);
        assertThat(fine.correct()).isEqualTo(2);
        assertThat(fine.accuracy()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(fine.ciLow()).isLessThanOrEqualTo(fine.accuracy());
        assertThat(fine.ciHigh()).isGreaterThanOrEqualTo(fine.accuracy());
        assertThat(result.get("coarse").accuracy()).isZero();
        assertThat(AgreementEvaluator.evaluate(E, triplets, 200, 7)).isEqualTo(result);
    }

    @Test
    void allCorrectGivesADegenerateInterval() {
        List<JudgedTriplet> triplets = List.of(
                new JudgedTriplet(0, 1, 2, "coarse", new int[] {0, 0, 3}),
                new JudgedTriplet(1, 0, 2, "coarse", new int[] {0, 0, 3}));
        LevelAgreement coarse = AgreementEvaluator.evaluate(E, triplets, 100, 1).get("coarse");
        assertThat(coarse.ciLow()).isEqualTo(1.0);
        assertThat(coarse.ciHigh()).isEqualTo(1.0);
    }

    @Test
    void humanCeilingIsLeaveOneOutMajorityAgreement() {
        // [3,1,0]: the three '0' raters see remaining [2,1,0] -> agree; the '1' rater sees [3,0,0] -> not: 3/4.
        // [2,1,1]: each '0' rater sees [1,1,1], a three-way tie -> 1/3; the others see 0 as majority -> 0:
        //          (2 * 1/3) / 4 = 1/6.
        double expected = (0.75 + 1.0 / 6) / 2;
        double ceiling = AgreementEvaluator.humanCeiling(List.of(
                new JudgedTriplet(0, 1, 2, "x", new int[] {3, 1, 0}),
                new JudgedTriplet(0, 1, 2, "x", new int[] {2, 1, 1}),
                new JudgedTriplet(0, 1, 2, "x", new int[] {1, 0, 0}))); // one rater: skipped
        assertThat(ceiling).isCloseTo(expected, within(1e-12));
    }

    @Test
    void entropyCorrelationFollowsHumanUncertainty() {
        // Triplets (0,1,2), (3,4,5), (6,7,8) with S_ab = 0.5, 1.5, 6 and other pairs 0: model entropy falls.
        EmbeddingMatrix e = new EmbeddingMatrix(9, 2, new float[] {
                1, 0, 0.5f, 0, 0, 1,
                1, 0, 1.5f, 0, 0, 1,
                2, 0, 3f, 0, 0, 1});
        List<JudgedTriplet> agreeWithModel = List.of(
                new JudgedTriplet(0, 1, 2, "x", new int[] {3, 3, 4}),
                new JudgedTriplet(3, 4, 5, "x", new int[] {1, 2, 7}),
                new JudgedTriplet(6, 7, 8, "x", new int[] {0, 0, 10}));
        List<JudgedTriplet> opposite = List.of(
                new JudgedTriplet(0, 1, 2, "x", new int[] {0, 0, 10}),
                new JudgedTriplet(3, 4, 5, "x", new int[] {1, 2, 7}),
                new JudgedTriplet(6, 7, 8, "x", new int[] {3, 3, 4}));
        assertThat(AgreementEvaluator.entropyUncertaintyCorrelation(e, agreeWithModel, 1.0)).isGreaterThan(0.5);
        assertThat(AgreementEvaluator.entropyUncertaintyCorrelation(e, opposite, 1.0)).isLessThan(-0.5);
    }

    @Test
    void reactionTimeCorrelationIsPearsonOfEntropyAndMeanTimeAndAbsentWithoutTimes() {
        // Same embedding as above: model entropy falls from triplet (0,1,2) to (6,7,8).
        EmbeddingMatrix e = new EmbeddingMatrix(9, 2, new float[] {
                1, 0, 0.5f, 0, 0, 1,
                1, 0, 1.5f, 0, 0, 1,
                2, 0, 3f, 0, 0, 1});
        int[] votes = {0, 1, 1};
        List<JudgedTriplet> slowWhenUnsure = List.of(
                new JudgedTriplet(0, 1, 2, "x", votes, new double[] {1500, 1700}),
                new JudgedTriplet(3, 4, 5, "x", votes, new double[] {1100, 1000}),
                new JudgedTriplet(6, 7, 8, "x", votes, new double[] {600, 700}),
                new JudgedTriplet(0, 2, 1, "x", votes)); // no times: left out
        double[] entropy = new double[3];
        for (int t = 0; t < 3; t++) {
            entropy[t] = AgreementEvaluator.entropy(OddOneOut.probabilities(e, 3 * t, 3 * t + 1, 3 * t + 2, 1.0));
        }
        double expected = PearsonCorrelation.correlate(entropy, new double[] {1600, 1050, 650});
        assertThat(AgreementEvaluator.reactionTimeCorrelation(e, slowWhenUnsure, 1.0)).hasValueCloseTo(expected, within(1e-12));
        assertThat(expected).isGreaterThan(0.9);
        assertThat(AgreementEvaluator.reactionTimeCorrelation(e, slowWhenUnsure.subList(3, 4), 1.0)).isEmpty();
    }
}
