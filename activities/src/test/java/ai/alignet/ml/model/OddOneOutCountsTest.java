package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-computed cases of the published counting rule: S_ij strictly largest is correct, a tie is not. */
class OddOneOutCountsTest {

    // Rows: 0 = (2, 0), 1 = (1, 1), 2 = (1, -1), 3 = (0, 3).
    private final EmbeddingMatrix z = new EmbeddingMatrix(4, 2, new float[] {2, 0, 1, 1, 1, -1, 0, 3});

    @Test
    void countsStrictWinsAndNeverTiesPerType() {
        // (0, 1, 2): S01 = 2, S02 = 2, S12 = 0 -> tie between S_ij and S_ik at the top: wrong.
        // (1, 3, 0): S13 = 3, S10 = 2, S30 = 0 -> S_ij strictly largest: correct.
        // (0, 2, 1): S02 = 2, S01 = 2, S21 = 0 -> tie again: wrong.
        // (3, 2, 0): S32 = -3, S30 = 0, S20 = 2 -> S_jk largest: wrong.
        // (0, 1, 3): S01 = 2, S03 = 0, S13 = 3 -> wrong.
        // (1, 3, 2): S13 = 3, S12 = 0, S32 = -3 -> correct.
        List<Triplet> t = List.of(new Triplet(0, 1, 2), new Triplet(1, 3, 0), new Triplet(0, 2, 1),
                new Triplet(3, 2, 0), new Triplet(0, 1, 3), new Triplet(1, 3, 2));
        OddOneOutCounts c = OddOneOutCounts.of(z, t, List.of("fine", "fine", "coarse", "coarse", "coarse", "boundary"));
        assertThat(c.n()).isEqualTo(6);
        assertThat(c.correct()).isEqualTo(2);
        assertThat(c.byType().keySet()).containsExactly("fine", "coarse", "boundary");
        assertThat(c.byType().get("fine")).isEqualTo(new OddOneOutCounts(2, 1, java.util.Map.of()));
        assertThat(c.byType().get("coarse")).isEqualTo(new OddOneOutCounts(3, 0, java.util.Map.of()));
        assertThat(c.byType().get("boundary")).isEqualTo(new OddOneOutCounts(1, 1, java.util.Map.of()));
        assertThat(OddOneOutCounts.of(z, t, null).byType()).isEmpty();
    }
}
