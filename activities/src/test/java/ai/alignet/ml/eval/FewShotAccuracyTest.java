package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.List;
import org.junit.jupiter.api.Test;

class FewShotAccuracyTest {

    @Test
    void ridgeOnOneExamplePerClassMatchesTheHandSolvedDual() {
        // Unit rows (1, 0) and (0, 1) with bias: A = [[1, 0, 1], [0, 1, 1]], AAᵀ + λI = [[2 + λ, 1], [1, 2 + λ]].
        // λ = 1: inverse = [[3, -1], [-1, 3]] / 8; T = [[1, -1], [-1, 1]] -> α = [[0.5, -0.5], [-0.5, 0.5]];
        // W = Aᵀα = [[0.5, -0.5], [-0.5, 0.5], [0, 0]]. A test row (3, 1) -> unit (0.949, 0.316): scores
        // (0.316, -0.316) -> class 0; (1, 4) -> class 1.
        EmbeddingMatrix train = new EmbeddingMatrix(2, 2, new float[] {2, 0, 0, 5});
        RidgeClassifier ridge = RidgeClassifier.fit(train, new int[] {0, 1}, 2, 1.0);
        assertThat(ridge.predict(new EmbeddingMatrix(2, 2, new float[] {3, 1, 1, 4}))).containsExactly(0, 1);
    }

    @Test
    void primalAndDualFormsGiveTheSameClassifier() {
        // 6 rows, 2 features + bias: n > width takes the primal path; the same rows plus zero-padded
        // features (width 7 > n) take the dual path. Padding changes neither the norms nor the solution.
        float[] narrow = {1, 0.2f, 0.9f, -0.1f, -0.3f, 1, -0.1f, 0.8f, 0.4f, 0.4f, -1, -0.2f};
        float[] wide = new float[6 * 6];
        for (int r = 0; r < 6; r++) {
            wide[r * 6] = narrow[r * 2];
            wide[r * 6 + 1] = narrow[r * 2 + 1];
        }
        int[] labels = {0, 0, 1, 1, 2, 2};
        EmbeddingMatrix probe = new EmbeddingMatrix(4, 2, new float[] {1, 0, 0, 1, -1, 0, 0.5f, 0.5f});
        EmbeddingMatrix probeWide = new EmbeddingMatrix(4, 6, new float[] {
            1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0.5f, 0.5f, 0, 0, 0, 0});
        int[] primal = RidgeClassifier.fit(new EmbeddingMatrix(6, 2, narrow), labels, 3, 0.1).predict(probe);
        int[] dual = RidgeClassifier.fit(new EmbeddingMatrix(6, 6, wide), labels, 3, 0.1).predict(probeWide);
        assertThat(dual).containsExactly(primal);
        // (1, 0), (0, 1), (-1, 0) sit with the rows of classes 0, 1 and 2.
        assertThat(java.util.Arrays.copyOf(primal, 3)).containsExactly(0, 1, 2);
    }

    @Test
    void separatedClassesAreLearnedFromOneShotAndDrawsAreSeeded() {
        int perClass = 6;
        float[] values = new float[3 * perClass * 3];
        int[] labels = new int[3 * perClass];
        java.util.Random random = new java.util.Random(5);
        for (int n = 0; n < labels.length; n++) {
            labels[n] = n % 3;
            for (int d = 0; d < 3; d++) {
                values[n * 3 + d] = (float) ((d == labels[n] ? 4 : 0) + random.nextGaussian() * 0.3);
            }
        }
        EmbeddingMatrix x = new EmbeddingMatrix(labels.length, 3, values);
        List<FewShotAccuracy.Score> scores = FewShotAccuracy.evaluate(x, labels, 3, new int[] {1, 5}, 3, 42, 0.1);
        assertThat(scores).extracting(FewShotAccuracy.Score::shots).containsExactly(1, 5);
        assertThat(scores.get(0).tested()).containsExactly(15, 15, 15);
        assertThat(scores.get(1).tested()).containsExactly(3, 3, 3);
        assertThat(scores.get(0).meanAccuracy()).isCloseTo(1.0, within(1e-12));
        assertThat(FewShotAccuracy.evaluate(x, labels, 3, new int[] {1, 5}, 3, 42, 0.1).get(0).correct())
                .containsExactly(scores.get(0).correct());
    }

    @Test
    void shotCountsThatLeaveAClassWithoutTestImagesAreRejectedOrSkipped() {
        int[] labels = {0, 0, 0, 1, 1, 1, 1};
        assertThat(FewShotAccuracy.feasibleShots(labels, 2, new int[] {1, 2, 3, 10})).containsExactly(1, 2);
        EmbeddingMatrix x = new EmbeddingMatrix(7, 1, new float[] {1, 2, 3, 4, 5, 6, 7});
        assertThatThrownBy(() -> FewShotAccuracy.evaluate(x, labels, 2, new int[] {3}, 1, 0, 0.1))
                .hasMessageContaining("3-shot needs more than 3 images in every class, but class 0 has 3");
    }

    @Test
    void splitMix64MatchesThePublishedFirstOutputs() {
        // Reference values of SplitMix64 seeded 1234567 (Vigna's splitmix64.c).
        SplitMix64 random = new SplitMix64(1234567);
        assertThat(random.next()).isEqualTo(6457827717110365317L);
        assertThat(random.next()).isEqualTo(3203168211198807973L);
    }
}
