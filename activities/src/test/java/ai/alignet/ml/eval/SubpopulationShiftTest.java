package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SubpopulationShiftTest {

    private static final int PER_SUBCLASS = 10;
    // Subclasses 0..3 belong to superclass 0, 4..7 to superclass 1; subclasses 0, 1, 4, 5 train, the rest test.
    private static final int SUBCLASSES = 8;

    @Test
    void sharedSuperclassDirectionGeneralisesToUnseenSubclasses() {
        int[] sub = subLabels();
        int[] sup = superLabels(sub);
        // Shared: superclass sets the sign of feature 0 for every subclass.
        EmbeddingMatrix shared = features(sub, s -> s < 4 ? 3f : -3f);
        // Idiosyncratic: feature 0 separates the training subclasses but is flipped for the test ones.
        EmbeddingMatrix idiosyncratic = features(sub, s -> (s == 0 || s == 1 || s == 6 || s == 7) ? 3f : -3f);

        assertThat(SubpopulationShift.probeAccuracy(shared, sup, sub, 2, 1e-3, 100)).isGreaterThan(0.95);
        assertThat(SubpopulationShift.probeAccuracy(idiosyncratic, sup, sub, 2, 1e-3, 100)).isLessThan(0.1);
    }

    @Test
    void aSuperclassWithOneSubclassIsRejected() {
        int[] sub = {0, 0, 1, 2};
        int[] sup = {0, 0, 1, 1};
        assertThatThrownBy(() -> SubpopulationShift.probeAccuracy(new EmbeddingMatrix(4, 1, new float[4]), sup, sub, 2, 0, 10))
                .hasMessageContaining("superclass 0 has only 1 subclass");
    }

    private static int[] subLabels() {
        int[] sub = new int[SUBCLASSES * PER_SUBCLASS];
        for (int n = 0; n < sub.length; n++) {
            sub[n] = n / PER_SUBCLASS;
        }
        return sub;
    }

    private static int[] superLabels(int[] sub) {
        int[] sup = new int[sub.length];
        for (int n = 0; n < sub.length; n++) {
            sup[n] = sub[n] / 4;
        }
        return sup;
    }

    private static EmbeddingMatrix features(int[] sub, java.util.function.IntFunction<Float> firstFeature) {
        Random random = new Random(11);
        float[] values = new float[sub.length * 3];
        for (int n = 0; n < sub.length; n++) {
            values[n * 3] = firstFeature.apply(sub[n]) + (float) random.nextGaussian() * 0.3f;
            // A subclass offset shared by both superclasses, so it carries no superclass signal.
            values[n * 3 + 1] = sub[n] % 4 + (float) random.nextGaussian() * 0.3f;
            values[n * 3 + 2] = (float) random.nextGaussian();
        }
        return new EmbeddingMatrix(sub.length, 3, values);
    }
}
