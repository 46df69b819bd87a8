package ai.alignet.ml.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TripletLossesTest {

    private static final double[][] SIMS = {{2.0, 1.0, 0.5}, {5.0, 2.5, 0.0}};
    private static final double[][] Q = {{0.2, 0.3, 0.5}, {0.6, 0.3, 0.1}};

    @Test
    void teacherTargetIsThePlainSoftmaxOfTheSimilarities() {
        try (NDManager m = NDManager.newBaseManager()) {
            float[] p = TripletLosses.teacherTarget(m.create(flat(SIMS), new Shape(2, 3))).toFloatArray();
            for (int r = 0; r < 2; r++) {
                double[] expected = softmax(SIMS[r]);
                for (int k = 0; k < 3; k++) {
                    assertThat((double) p[3 * r + k]).isCloseTo(expected[k], offset(1e-6));
                }
            }
        }
    }

    @Test
    void studentDistributionIsTheSoftmaxOfPairDotProductsOverTau() {
        float[] h = {3, 4, 10, 0, -2, 6}; // one triplet: h0=(3,4), h1=(10,0), h2=(-2,6)
        double[] logits = {(3 * 10 + 4 * 0) / 100.0, (3 * -2 + 4 * 6) / 100.0, (10 * -2 + 0 * 6) / 100.0};
        try (NDManager m = NDManager.newBaseManager()) {
            float[] q = TripletLosses.studentDistribution(m.create(h, new Shape(1, 3, 2)), 100).toFloatArray();
            double[] expected = softmax(logits);
            for (int k = 0; k < 3; k++) {
                assertThat((double) q[k]).isCloseTo(expected[k], offset(1e-6));
            }
        }
    }

    @Test
    void klIsTheBatchMeanOfSumPLogPOverQ() {
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            expected += kl(softmax(SIMS[r]), Q[r]) / 2;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = TripletLosses.teacherTarget(m.create(flat(SIMS), new Shape(2, 3)));
            NDArray q = m.create(flat(Q), new Shape(2, 3));
            assertThat((double) TripletLosses.kl(p, q).getFloat()).isCloseTo(expected, offset(1e-6));
            assertThat((double) TripletLosses.kl(p, p).getFloat()).isCloseTo(0.0, offset(1e-7));
        }
    }

    @Test
    void jsdIsTheBatchMeanOfHalfKlToTheMidpointBothWays() {
        double expected = 0;
        for (int r = 0; r < 2; r++) {
            double[] p = softmax(SIMS[r]);
            double[] mid = new double[3];
            for (int k = 0; k < 3; k++) {
                mid[k] = (p[k] + Q[r][k]) / 2;
            }
            expected += (0.5 * kl(p, mid) + 0.5 * kl(Q[r], mid)) / 2;
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = TripletLosses.teacherTarget(m.create(flat(SIMS), new Shape(2, 3)));
            NDArray q = m.create(flat(Q), new Shape(2, 3));
            assertThat((double) TripletLosses.jsd(p, q).getFloat()).isCloseTo(expected, offset(1e-6));
            // Symmetric, and bounded by ln 2 even where one side has a zero.
            assertThat((double) TripletLosses.jsd(q, p).getFloat()).isCloseTo(expected, offset(1e-6));
            NDArray oneHot = m.create(new float[] {1, 0, 0}, new Shape(1, 3));
            NDArray other = m.create(new float[] {0, 0, 1}, new Shape(1, 3));
            assertThat((double) TripletLosses.jsd(oneHot, other).getFloat()).isCloseTo(Math.log(2), offset(1e-6));
        }
    }

    private static double kl(double[] p, double[] q) {
        double s = 0;
        for (int k = 0; k < 3; k++) {
            if (p[k] > 0) {
                s += p[k] * Math.log(p[k] / q[k]);
            }
        }
        return s;
    }

    private static double[] softmax(double[] x) {
        double max = Math.max(x[0], Math.max(x[1], x[2]));
        double[] e = new double[3];
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            e[k] = Math.exp(x[k] - max);
            sum += e[k];
        }
        for (int k = 0; k < 3; k++) {
            e[k] /= sum;
        }
        return e;
    }

    private static float[] flat(double[][] rows) {
        float[] out = new float[rows.length * 3];
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < 3; k++) {
                out[3 * r + k] = (float) rows[r][k];
            }
        }
        return out;
    }
}
