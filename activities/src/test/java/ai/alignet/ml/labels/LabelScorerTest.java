package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import java.util.List;
import org.junit.jupiter.api.Test;

class LabelScorerTest {

    // 0 = (1, 0), 1 = (0, 1), 2 = (0.9, 0.3): S_01 = 0, S_02 = 0.9, S_12 = 0.3.
    private static final EmbeddingMatrix E = new EmbeddingMatrix(3, 2, new float[] {1, 0, 0, 1, 0.9f, 0.3f});

    @Test
    void reordersSoTheOddOneIsLastAndItsSimilaritiesAreSmallest() {
        // Most similar pair (0, 2); odd one 1. Item 2 is closer to 1 (0.3) than item 0 is (0), so 2 goes first.
        List<LabelledTriplet> labels = LabelScorer.score(E, new int[][] {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}});
        for (LabelledTriplet label : labels) {
            assertThat(label.a()).isEqualTo(2);
            assertThat(label.b()).isEqualTo(0);
            assertThat(label.c()).isEqualTo(1);
            assertThat(label.s01()).isEqualTo(0.9f);
            assertThat(label.s02()).isEqualTo(0.3f);
            assertThat(label.s12()).isEqualTo(0f);
            assertThat(label.s12()).isLessThan(label.s01()).isLessThan(label.s02());
        }
    }

    @Test
    void tiesKeepTheSampledOrder() {
        EmbeddingMatrix same = new EmbeddingMatrix(3, 1, new float[] {1, 1, 1});
        LabelledTriplet label = LabelScorer.score(same, new int[][] {{2, 0, 1}}).get(0);
        assertThat(new int[] {label.a(), label.b(), label.c()}).containsExactly(2, 0, 1);
        assertThat(label.s01()).isEqualTo(1f);
        assertThat(label.s12()).isEqualTo(1f);
    }

    @Test
    void outOfRangeItemsAreNamed() {
        assertThatThrownBy(() -> LabelScorer.score(E, new int[][] {{0, 1, 5}}))
                .hasMessageContaining("triplet 0 refers to item 5").hasMessageContaining("3 rows");
    }
}
