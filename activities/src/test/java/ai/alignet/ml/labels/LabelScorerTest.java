package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import java.util.List;
import java.util.SplittableRandom;
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

    /**
     * The single-pass scorer against the definition written out with EmbeddingMatrix.dot: identical
     * labels, bit for bit, including on small-integer embeddings where ties are common.
     */
    @Test
    void matchesThePairwiseDefinitionExactlyIncludingTies() {
        SplittableRandom random = new SplittableRandom(3);
        for (boolean integers : new boolean[] {false, true}) {
            float[] values = new float[50 * 7];
            for (int i = 0; i < values.length; i++) {
                values[i] = integers ? random.nextInt(3) - 1 : (float) random.nextGaussian();
            }
            EmbeddingMatrix e = new EmbeddingMatrix(50, 7, values);
            int[][] triplets = new int[2000][];
            for (int t = 0; t < triplets.length; t++) {
                triplets[t] = new int[] {random.nextInt(50), random.nextInt(50), random.nextInt(50)};
            }
            List<LabelledTriplet> labels = LabelScorer.score(e, triplets);
            for (int t = 0; t < triplets.length; t++) {
                assertThat(labels.get(t)).isEqualTo(byDefinition(e, triplets[t][0], triplets[t][1], triplets[t][2]));
            }
        }
    }

    private static LabelledTriplet byDefinition(EmbeddingMatrix e, int a, int b, int c) {
        double ab = e.dot(a, b);
        double ac = e.dot(a, c);
        double bc = e.dot(b, c);
        int[] order = ab >= ac && ab >= bc ? new int[] {a, b, c} : ac >= bc ? new int[] {a, c, b} : new int[] {b, c, a};
        int x = order[0];
        int y = order[1];
        int odd = order[2];
        if (e.dot(y, odd) > e.dot(x, odd)) {
            x = order[1];
            y = order[0];
        }
        return new LabelledTriplet(x, y, odd, (float) e.dot(x, y), (float) e.dot(x, odd), (float) e.dot(y, odd));
    }

    /**
     * Several ranges of {@link LabelScorer#RANGE} triplets (the last one partial, odd-sized, so the
     * two-triplet pass pairs triplets differently than on one thread): 1 and 4 threads give the same
     * labels, in the same order, and both match the definition.
     */
    @Test
    void oneAndFourThreadsGiveIdenticalLabelsInTheSampledOrder() {
        SplittableRandom random = new SplittableRandom(4);
        for (boolean integers : new boolean[] {false, true}) {
            float[] values = new float[300 * 9];
            for (int i = 0; i < values.length; i++) {
                values[i] = integers ? random.nextInt(3) - 1 : (float) random.nextGaussian();
            }
            EmbeddingMatrix e = new EmbeddingMatrix(300, 9, values);
            int[][] triplets = new int[5 * LabelScorer.RANGE + 3][];
            for (int t = 0; t < triplets.length; t++) {
                triplets[t] = new int[] {random.nextInt(300), random.nextInt(300), random.nextInt(300)};
            }
            List<LabelledTriplet> one = LabelScorer.score(e, triplets, 1);
            List<LabelledTriplet> four = LabelScorer.score(e, triplets, 4);
            assertThat(four).hasSize(triplets.length).containsExactlyElementsOf(one);
            for (int t = 0; t < triplets.length; t++) {
                assertThat(four.get(t)).isEqualTo(byDefinition(e, triplets[t][0], triplets[t][1], triplets[t][2]));
            }
        }
    }

    @Test
    void scoresARangeIntoTheCallersArrayAndNothingElse() {
        int[][] triplets = {{0, 1, 2}, {1, 2, 0}, {2, 0, 1}, {0, 2, 1}, {1, 0, 2}};
        LabelledTriplet[] labels = new LabelledTriplet[6];
        LabelScorer.score(E, triplets, 1, 4, labels);
        List<LabelledTriplet> all = LabelScorer.score(E, triplets);
        assertThat(labels).containsExactly(null, all.get(1), all.get(2), all.get(3), null, null);
    }

    @Test
    void badParallelismAndRangesAreRejectedWithTheFix() {
        int[][] triplets = {{0, 1, 2}};
        assertThatThrownBy(() -> LabelScorer.score(E, triplets, 0))
                .hasMessageContaining("parallelism must be >= 1, got 0");
        assertThatThrownBy(() -> LabelScorer.score(E, triplets, 0, 2, new LabelledTriplet[2]))
                .hasMessageContaining("range [0, 2) is not within the 1 triplets");
        assertThatThrownBy(() -> LabelScorer.score(E, new int[][] {{0, 1, 2}, {0, 1, 7}}, 0, 2, new LabelledTriplet[2]))
                .hasMessageContaining("triplet 1 refers to item 7");
    }

    @Test
    void outOfRangeItemsAreNamed() {
        assertThatThrownBy(() -> LabelScorer.score(E, new int[][] {{0, 1, 5}}))
                .hasMessageContaining("triplet 0 refers to item 5").hasMessageContaining("3 rows");
    }
}
