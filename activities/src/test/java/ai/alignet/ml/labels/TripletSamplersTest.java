package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TripletSamplersTest {

    // 12 items in 4 classes of 3.
    private static final int[] CLASSES = {0, 0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3};
    // 3 clusters of 4.
    private static final int[] CLUSTERS = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2};

    @Test
    void randomDrawsThreeClassesAndCanExhaustAllTriplets() {
        // C(4,3) class triples x 3^3 item choices = 108 distinct triplets
        int[][] all = TripletSamplers.forName("random", CLASSES, null).sample(108, 1);
        assertThat(unordered(all)).hasSize(108);
        for (int[] t : all) {
            assertThat(Set.of(CLASSES[t[0]], CLASSES[t[1]], CLASSES[t[2]])).hasSize(3);
        }
        assertThatThrownBy(() -> TripletSamplers.forName("random", CLASSES, null).sample(109, 1))
                .hasMessageContaining("requested 109").hasMessageContaining("only 108");
    }

    @Test
    void classBorderPutsTwoFromOneClassThenOneFromAnother() {
        // 4 classes x C(3,2) pairs x 9 outsiders = 108
        int[][] triplets = TripletSamplers.forName("class_border", CLASSES, null).sample(100, 2);
        assertThat(unordered(triplets)).hasSize(100);
        for (int[] t : triplets) {
            assertThat(CLASSES[t[0]]).isEqualTo(CLASSES[t[1]]);
            assertThat(CLASSES[t[2]]).isNotEqualTo(CLASSES[t[0]]);
            assertThat(t[0]).isNotEqualTo(t[1]);
        }
    }

    @Test
    void withinClassKeepsAllThreeInOneClass() {
        int[][] triplets = TripletSamplers.forName("within_class", CLASSES, null).sample(4, 3);
        for (int[] t : triplets) {
            assertThat(Set.of(t[0], t[1], t[2])).hasSize(3);
            assertThat(new HashSet<>(List.of(CLASSES[t[0]], CLASSES[t[1]], CLASSES[t[2]]))).hasSize(1);
        }
        assertThat(unordered(triplets)).hasSize(4);
        assertThatThrownBy(() -> TripletSamplers.forName("within_class", CLASSES, null).sample(5, 3))
                .hasMessageContaining("only 4");
    }

    @Test
    void clusterBorderChecksTheClusterCount() {
        int[][] triplets = TripletSamplers.forName("cluster_border_3", null, CLUSTERS).sample(50, 4);
        for (int[] t : triplets) {
            assertThat(CLUSTERS[t[0]]).isEqualTo(CLUSTERS[t[1]]);
            assertThat(CLUSTERS[t[2]]).isNotEqualTo(CLUSTERS[t[0]]);
        }
        assertThatThrownBy(() -> TripletSamplers.forName("cluster_border_500", null, CLUSTERS))
                .hasMessageContaining("expects 500 clusters but clusterAssignments has 3");
    }

    @Test
    void sameSeedSameTripletsOtherSeedOtherTriplets() {
        TripletSampler sampler = TripletSamplers.forName("class_border", CLASSES, null);
        assertThat(sampler.sample(30, 7)).isDeepEqualTo(sampler.sample(30, 7));
        assertThat(Arrays.deepEquals(sampler.sample(30, 7), sampler.sample(30, 8))).isFalse();
    }

    @Test
    void aDrawHandedOutInChunksGivesTheSameTripletsAsOneSample() {
        TripletSampler sampler = TripletSamplers.forName("class_border", CLASSES, null);
        TripletDraw draw = sampler.draw(100, 5);
        int[][] chunked = new int[100][];
        int filled = 0;
        for (int chunk : new int[] {1, 0, 30, 62, 7}) {
            System.arraycopy(draw.next(chunk), 0, chunked, filled, chunk);
            filled += chunk;
        }
        assertThat(draw.remaining()).isZero();
        assertThat(chunked).isDeepEqualTo(sampler.sample(100, 5));
        assertThatThrownBy(() -> draw.next(1)).hasMessageContaining("asked for 1 triplets but the draw has 0 left");
    }

    @Test
    void unknownNameListsTheValidOnes() {
        assertThatThrownBy(() -> TripletSamplers.forName("hardest", CLASSES, CLUSTERS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown triplet sampler 'hardest'")
                .hasMessageContaining("class_border").hasMessageContaining("cluster_border_<k>");
    }

    private static Set<List<Integer>> unordered(int[][] triplets) {
        Set<List<Integer>> sets = new HashSet<>();
        for (int[] t : triplets) {
            int[] sorted = t.clone();
            Arrays.sort(sorted);
            sets.add(List.of(sorted[0], sorted[1], sorted[2]));
        }
        return sets;
    }
}
