package ai.alignet.service;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.data.EmbeddingMatrix;
import org.junit.jupiter.api.Test;

class EmbeddingProjectionTest {

    @Test
    void firstComponentFollowsTheDirectionOfLargestSpread() {
        // Points along the diagonal of dims 0 and 1 with large spread, tiny noise in dim 2.
        int n = 50;
        float[] v = new float[n * 3];
        for (int i = 0; i < n; i++) {
            v[3 * i] = i;
            v[3 * i + 1] = i;
            v[3 * i + 2] = (i % 2 == 0 ? 0.1f : -0.1f);
        }
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
            rows[i] = i;
        }
        double[][] p = EmbeddingProjection.pca2(new EmbeddingMatrix(n, 3, v), rows);
        // Along the first component the points keep their order and spacing (up to sign; the noise
        // tilts the exact component by ~1e-5) ...
        double step = p[1][0] - p[0][0];
        assertThat(Math.abs(step)).isCloseTo(Math.sqrt(2), org.assertj.core.data.Offset.offset(1e-3));
        for (int i = 1; i < n; i++) {
            assertThat(p[i][0] - p[i - 1][0]).isCloseTo(step, org.assertj.core.data.Offset.offset(1e-3));
        }
        // ... and the second component holds only the small alternating noise.
        for (double[] point : p) {
            assertThat(Math.abs(point[1])).isCloseTo(0.1, org.assertj.core.data.Offset.offset(1e-2));
        }
    }
}
