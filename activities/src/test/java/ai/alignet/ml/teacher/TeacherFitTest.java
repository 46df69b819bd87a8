package ai.alignet.ml.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.eval.OddOneOut;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TeacherFitTest {

    private static final int CLASSES = 6;
    private static final int PER_CLASS = 20;
    private static final int SIGNAL_DIMS = CLASSES;
    private static final int NUISANCE_DIMS = 10;
    private static final int DIM = SIGNAL_DIMS + NUISANCE_DIMS;

    /**
     * Items whose class shows as a small one-hot signal (2 on its own axis) while a large per-item
     * nuisance (std 3 on 10 other axes) dominates raw dot products; humans judge by class.
     */
    private static EmbeddingMatrix items(Random random, int rows, int[] classOut) {
        float[] values = new float[rows * DIM];
        for (int r = 0; r < rows; r++) {
            int c = r % CLASSES;
            classOut[r] = c;
            values[r * DIM + c] = 2f + (float) random.nextGaussian() * 0.2f;
            for (int d = SIGNAL_DIMS; d < DIM; d++) {
                values[r * DIM + d] = (float) random.nextGaussian() * 3f;
            }
        }
        return new EmbeddingMatrix(rows, DIM, values);
    }

    private static List<Triplet> humanTriplets(Random random, int[] classes, int count) {
        List<Triplet> out = new ArrayList<>();
        while (out.size() < count) {
            int i = random.nextInt(classes.length);
            int j = random.nextInt(classes.length);
            int k = random.nextInt(classes.length);
            if (i != j && classes[i] == classes[j] && classes[k] != classes[i]) {
                out.add(new Triplet(i, j, k));
            }
        }
        return out;
    }

    @Test
    void learnsTheLabelDirectionHiddenUnderANuisanceDirection() {
        Random random = new Random(42);
        int[] classes = new int[CLASSES * PER_CLASS];
        EmbeddingMatrix items = items(random, classes.length, classes);
        EmbeddingMatrix corpus = items(random, 200, new int[200]);
        List<Triplet> train = humanTriplets(random, classes, 1500);
        List<Triplet> heldOut = humanTriplets(random, classes, 400);
        TeacherFitConfig cfg = new TeacherFitConfig(0.1, 0.1, 0.1, 1e-2, 40, 128, 4, 3);

        TeacherFitResult result = TeacherFit.fit(items, train, heldOut, corpus, cfg);

        assertThat(result.accuracyAfter()).isGreaterThan(result.accuracyBefore() + 0.1);
        assertThat(result.logLikelihoodAfter()).isGreaterThan(result.logLikelihoodBefore());
        assertThat(result.epochs()).isEqualTo(result.lossCurve().size()).isGreaterThan(0);
        assertThat(result.lossCurve().get(result.lossCurve().size() - 1)).isLessThan(result.lossCurve().get(0));
        // The reported "after" accuracy is what the calibrated transform gives on the held-out triplets.
        assertThat(OddOneOut.accuracy(result.transform().applyCalibrated(items), heldOut))
                .isEqualTo(result.accuracyAfter());

        TeacherFitResult again = TeacherFit.fit(items, train, heldOut, corpus, cfg);
        assertThat(again.transform().weight()).containsExactly(result.transform().weight());
        assertThat(again.transform().temperature()).isEqualTo(result.transform().temperature());
    }

    @Test
    void mismatchedCorpusWidthIsRejectedWithTheFix() {
        EmbeddingMatrix items = new EmbeddingMatrix(3, 2, new float[] {1, 0, 0, 1, 1, 1});
        EmbeddingMatrix corpus = new EmbeddingMatrix(2, 3, new float[] {1, 2, 3, 4, 5, 6});
        List<Triplet> triplets = List.of(new Triplet(0, 1, 2));
        assertThatThrownBy(() -> TeacherFit.fit(items, triplets, triplets, corpus, TeacherFitConfig.defaults()))
                .hasMessageContaining("corpus embeddings are 3-dim but item embeddings are 2-dim")
                .hasMessageContaining("same backbone");
    }

    @Test
    void configRejectsOutOfRangeAlpha() {
        assertThatThrownBy(() -> new TeacherFitConfig(1.5, 0.1, 0.1, 1e-3, 10, 32, 3, 0))
                .hasMessageContaining("alpha must be in [0, 1], got 1.5");
    }
}
