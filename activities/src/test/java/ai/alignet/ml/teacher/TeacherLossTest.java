package ai.alignet.ml.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class TeacherLossTest {

    @Test
    void globalLossIsMeanNegativeLogOfTheHumanPairProbability() {
        // Row 1: zi = (1,0), zj = (1,1), zk = (0,1): S_ij = 1, S_ik = 0, S_jk = 1 -> p_ij = e / (e + 1 + e)
        // Row 2: zi = (2,0), zj = (1,0), zk = (0,0): S_ij = 2, S_ik = 0, S_jk = 0 -> p_ij = e^2 / (e^2 + 2)
        double e = Math.E;
        double expected = -(Math.log(e / (2 * e + 1)) + Math.log(e * e / (e * e + 2))) / 2;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray zi = m.create(new float[] {1, 0, 2, 0}, new Shape(2, 2));
            NDArray zj = m.create(new float[] {1, 1, 1, 0}, new Shape(2, 2));
            NDArray zk = m.create(new float[] {0, 1, 0, 0}, new Shape(2, 2));
            assertThat((double) TeacherLoss.global(zi, zj, zk).getFloat()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void localLossIsCrossEntropyOfCosineNeighbourhoodsExcludingSelf() {
        double[][] x = {{1, 0}, {0, 1}, {1, 1}};
        double[][] z = {{1, 0}, {1, 1}, {0, 2}};
        double tau = 0.5;
        double expected = 0;
        for (int i = 0; i < 3; i++) {
            double[] p = neighbourSoftmax(x, i, tau);
            double[] q = neighbourSoftmax(z, i, tau);
            for (int j = 0; j < 3; j++) {
                if (j != i) {
                    expected -= p[j] * Math.log(q[j]);
                }
            }
        }
        expected /= 3;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray xs = m.create(new float[] {1, 0, 0, 1, 1, 1}, new Shape(3, 2));
            NDArray zs = m.create(new float[] {1, 0, 1, 1, 0, 2}, new Shape(3, 2));
            assertThat((double) TeacherLoss.local(xs, zs, tau).getFloat()).isCloseTo(expected, within(1e-5));
        }
    }

    @Test
    void regulariserIsFrobeniusDistanceToScaledIdentity() {
        // W = [[1, 2], [3, 5]], mean diag = 3, W - 3I = [[-2, 2], [3, 2]] -> 4 + 4 + 9 + 4 = 21
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, 2, 3, 5}, new Shape(2, 2));
            assertThat((double) TeacherLoss.regulariser(w).getFloat()).isCloseTo(21.0, within(1e-5));
        }
    }

    /** softmax over j != i of cos(v_i, v_j) / tau, with entry i left at 0. */
    private static double[] neighbourSoftmax(double[][] v, int i, double tau) {
        double[] out = new double[v.length];
        double sum = 0;
        for (int j = 0; j < v.length; j++) {
            if (j != i) {
                double dot = v[i][0] * v[j][0] + v[i][1] * v[j][1];
                double cos = dot / (Math.hypot(v[i][0], v[i][1]) * Math.hypot(v[j][0], v[j][1]));
                out[j] = Math.exp(cos / tau);
                sum += out[j];
            }
        }
        for (int j = 0; j < v.length; j++) {
            out[j] /= sum;
        }
        return out;
    }
}
