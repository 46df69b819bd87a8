package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LinearProbeTest {

    @Test
    void lossAndGradientMatchHandComputationOnTwoByTwo() {
        // W = [[1, 0], [0, 0]], b = 0, l2 = 0.5; x0 = (1, 2) label 0, x1 = (-1, 0) label 1.
        // logits x0 = (1, 0), x1 = (-1, 0): p(x0) = (s, 1 - s), p(x1) = (1 - s, s) with s = sigmoid(1).
        double s = 1 / (1 + Math.exp(-1));
        double expectedLoss = -Math.log(s) + 0.5 * 0.5 * 1.0;
        // dL/dW_kc = mean_n (p_nk - y_nk) x_nc + l2 W_kc
        double g00 = ((s - 1) * 1 + (1 - s) * -1) / 2 + 0.5;
        double g01 = ((s - 1) * 2 + (1 - s) * 0) / 2;
        double g10 = ((1 - s) * 1 + (s - 1) * -1) / 2;
        double g11 = ((1 - s) * 2 + (s - 1) * 0) / 2;
        double gb0 = ((s - 1) + (1 - s)) / 2;
        double gb1 = ((1 - s) + (s - 1)) / 2;

        double[] gradient = new double[6];
        double loss = LinearProbe.lossAndGradient(new double[] {1, 0, 0, 0, 0, 0},
                new double[][] {{1, 2}, {-1, 0}}, new int[] {0, 1}, 2, 0.5, gradient);

        assertThat(loss).isCloseTo(expectedLoss, within(1e-12));
        assertThat(gradient).containsExactly(new double[] {g00, g01, g10, g11, gb0, gb1}, within(1e-12));
    }

    @Test
    void separableBlobsAreLearnedPerfectlyWithMonotoneLoss() {
        Random random = new Random(3);
        int perClass = 30;
        float[] values = new float[3 * perClass * 4];
        int[] labels = new int[3 * perClass];
        for (int n = 0; n < labels.length; n++) {
            labels[n] = n / perClass;
            for (int d = 0; d < 4; d++) {
                values[n * 4 + d] = (float) ((d == labels[n] ? 5 : 0) + random.nextGaussian() * 0.5);
            }
        }
        EmbeddingMatrix x = new EmbeddingMatrix(labels.length, 4, values);
        LinearProbe probe = LinearProbe.train(x, labels, 3, 1e-3, 100);

        assertThat(probe.accuracy(x, labels)).isEqualTo(1.0);
        List<Double> curve = probe.lossCurve();
        assertThat(curve.size()).isGreaterThan(10);
        for (int n = 1; n < curve.size(); n++) {
            assertThat(curve.get(n)).isLessThanOrEqualTo(curve.get(n - 1));
        }
        assertThat(LinearProbe.train(x, labels, 3, 1e-3, 100).predict(x)).containsExactly(probe.predict(x));
    }
}
