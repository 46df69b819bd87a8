package ai.alignet.ml.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import org.junit.jupiter.api.Test;

class TeacherTransformTest {

    // mean 1, std 2, W = [[1, 0], [1, 1]], b = (0.5, -1), T = 4
    private static final TeacherTransform T =
            new TeacherTransform(1f, 2f, 2, 2, new float[] {1, 0, 1, 1}, new float[] {0.5f, -1f}, 4.0);

    @Test
    void appliesStandardisationThenAffineMap() {
        // x = (3, 5) -> standardised (1, 2) -> W x + b = (1 + 0.5, 3 - 1) = (1.5, 2)
        EmbeddingMatrix z = T.apply(new EmbeddingMatrix(1, 2, new float[] {3, 5}));
        assertThat(z.values()).containsExactly(new float[] {1.5f, 2f}, within(1e-6f));
    }

    @Test
    void calibratedEmbeddingsDivideDotProductsByTheTemperature() {
        EmbeddingMatrix raw = new EmbeddingMatrix(2, 2, new float[] {3, 5, -1, 2});
        EmbeddingMatrix plain = T.apply(raw);
        EmbeddingMatrix calibrated = T.applyCalibrated(raw);
        // row 1 -> (1.5, 2) as above; row 2 (-1, 2) -> standardised (-1, 0.5) -> W x + b = (-0.5, -1.5)
        double plainDot = 1.5 * -0.5 + 2 * -1.5;
        assertThat(plain.dot(0, 1)).isCloseTo(plainDot, within(1e-6));
        assertThat(calibrated.dot(0, 1)).isCloseTo(plainDot / 4.0, within(1e-6));
    }

    @Test
    void wrongWidthNamesTheExpectedDimension() {
        assertThatThrownBy(() -> T.apply(new EmbeddingMatrix(1, 3, new float[3])))
                .hasMessageContaining("expects 2-dim embeddings, got 3");
    }
}
