package ai.alignet.ml.labels;

import ai.alignet.formats.LabelShardFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import java.util.ArrayList;
import java.util.List;

/**
 * The label stage's work without its inputs and outputs: one seeded draw of train + validation
 * triplets, scored by the teacher, encoded as {@link LabelShardFile} shards and handed to a store.
 */
public final class LabelShards {

    /** Where encoded shards go (the stage: the artifact store under its prefix); returns their reference. */
    @FunctionalInterface
    public interface ShardStore<R> {
        R put(String name, byte[] shard);
    }

    /** The references of the train shards, in order, and of the validation shard. */
    public record Written<R>(List<R> trainShards, R validation) {}

    public static final String VALIDATION_NAME = "validation.bin";

    private LabelShards() {}

    /** Name of the n-th train shard. */
    public static String trainShardName(int n) {
        return String.format("labels-%05d.bin", n);
    }

    /**
     * Writes {@code trainTriplets} labels in shards of {@code shardSize} ({@link #trainShardName}), then
     * {@code validationTriplets} labels as {@link #VALIDATION_NAME}.
     */
    public static <R> Written<R> write(EmbeddingMatrix aligned, TripletSampler sampler, int trainTriplets,
            int validationTriplets, int shardSize, long seed, ShardStore<R> store) {
        // One draw for train + validation keeps the two sets disjoint (the sampler never repeats).
        int[][] all = sampler.sample(trainTriplets + validationTriplets, seed);
        List<LabelledTriplet> scored = LabelScorer.score(aligned, all);
        List<LabelledTriplet> train = scored.subList(0, trainTriplets);
        List<LabelledTriplet> validation = scored.subList(trainTriplets, scored.size());
        List<R> shards = new ArrayList<>();
        for (int start = 0, n = 0; start < train.size(); start += shardSize, n++) {
            List<LabelledTriplet> part = train.subList(start, Math.min(train.size(), start + shardSize));
            shards.add(store.put(trainShardName(n), LabelShardFile.encode(part)));
        }
        R val = store.put(VALIDATION_NAME, LabelShardFile.encode(validation));
        return new Written<>(shards, val);
    }
}
