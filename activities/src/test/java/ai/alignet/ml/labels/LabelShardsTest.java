package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.LabelShardFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelShardsTest {

    private static final int ITEMS = 120;
    private static final int DIM = 8;

    /**
     * 120 items in 6 classes of 20 and 6 clusters that cut across them. Counts close to what exists
     * (e.g. 6,000 of the 6,840 within-class triplets) make the sampler reject many repeats; shards larger
     * than {@link LabelShards#SCORE_CHUNK} are encoded from several chunks; the last shard is partial.
     */
    @ParameterizedTest
    @CsvSource({
        "random,           100000, 10000, 70000",
        "class_border,      90000,  9000, 40000",
        "within_class,       5000,  1000,   777",
        "cluster_border_6,  80000, 20000, 30000"})
    void streamingShardsAreByteIdenticalToScoringTheWholeDrawAtOnce(String sampling, int train, int validation,
            int shardSize) {
        int[] classes = new int[ITEMS];
        int[] clusters = new int[ITEMS];
        for (int item = 0; item < ITEMS; item++) {
            classes[item] = item / 20;
            clusters[item] = (item * 7) % 6;
        }
        EmbeddingMatrix aligned = EmbeddingMatrix.gaussian(ITEMS, DIM, new SplittableRandom(3));
        TripletSampler sampler = TripletSamplers.forName(sampling, classes, clusters);

        Map<String, byte[]> streamed = new LinkedHashMap<>();
        LabelShards.Written<String> written = LabelShards.write(aligned, sampler, train, validation, shardSize, 11,
                (name, shard) -> {
                    streamed.put(name, shard);
                    return name;
                });
        Map<String, byte[]> expected = allInMemory(aligned, (GroupTripletSampler) sampler, train, validation, shardSize, 11);

        assertThat(streamed.keySet()).containsExactlyElementsOf(expected.keySet());
        for (String name : expected.keySet()) {
            assertThat(Arrays.mismatch(streamed.get(name), expected.get(name))).as("first differing byte of " + name)
                    .isEqualTo(-1);
        }
        assertThat(written.trainShards()).hasSize((train + shardSize - 1) / shardSize);
        assertThat(written.validation()).isEqualTo(LabelShards.VALIDATION_NAME);
        // Train and validation are disjoint and free of repeats across all shards.
        Set<List<Integer>> unordered = new HashSet<>();
        for (byte[] shard : streamed.values()) {
            for (LabelledTriplet t : LabelShardFile.decode(shard, "shard", ITEMS)) {
                int[] s = {t.a(), t.b(), t.c()};
                Arrays.sort(s);
                unordered.add(List.of(s[0], s[1], s[2]));
            }
        }
        assertThat(unordered).hasSize(train + validation);
    }

    /**
     * The label stage as it was before streaming, kept as the reference: the sampler's old rejection
     * loop over a {@code HashSet} of sorted triplets drawing everything at once, all triplets scored in
     * one call, then cut into shards.
     */
    private static Map<String, byte[]> allInMemory(EmbeddingMatrix aligned, GroupTripletSampler sampler, int train,
            int validation, int shardSize, long seed) {
        double[] weights = sampler.groupWeights();
        double available = Arrays.stream(weights).sum();
        SplittableRandom random = new SplittableRandom(seed);
        Set<List<Integer>> seen = new HashSet<>();
        int[][] all = new int[train + validation][];
        for (int filled = 0; filled < all.length; ) {
            int[] t = sampler.drawWithRepeats(random, weights, available);
            int[] sorted = t.clone();
            Arrays.sort(sorted);
            if (seen.add(List.of(sorted[0], sorted[1], sorted[2]))) {
                all[filled++] = t;
            }
        }
        List<LabelledTriplet> scored = LabelScorer.score(aligned, all);
        Map<String, byte[]> shards = new LinkedHashMap<>();
        for (int start = 0, n = 0; start < train; start += shardSize, n++) {
            shards.put(LabelShards.trainShardName(n),
                    LabelShardFile.encode(scored.subList(start, Math.min(train, start + shardSize))));
        }
        shards.put(LabelShards.VALIDATION_NAME, LabelShardFile.encode(scored.subList(train, scored.size())));
        return shards;
    }

}
