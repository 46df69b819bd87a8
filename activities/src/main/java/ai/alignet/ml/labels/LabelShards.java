package ai.alignet.ml.labels;

import ai.alignet.formats.LabelShardFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.ArrayList;
import java.util.List;

/**
 * The label stage's work without its inputs and outputs: one seeded draw of train + validation
 * triplets, scored by the teacher, encoded as {@link LabelShardFile} shards and handed to a store.
 *
 * <p>Streaming: triplets are drawn, scored and encoded {@link #SCORE_CHUNK} at a time into the
 * current shard, which is stored before the next one is started. Memory beyond the embeddings is the
 * sampler's no-repeat set (~12 bytes per triplet, {@link DistinctTriplets}), one shard's bytes (24 per
 * label) and one chunk's triplets and labels — not every triplet and label of the run.
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

    /**
     * Triplets drawn and scored per call: small enough that a chunk's arrays and label objects (~80
     * bytes a triplet, ~5 MB) are negligible, large enough that a call's fixed costs are too.
     */
    static final int SCORE_CHUNK = 1 << 16;

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
        if (trainTriplets < 0 || validationTriplets < 0 || shardSize < 1) {
            throw new IllegalArgumentException("need train and validation triplets >= 0 and a shard size >= 1, got "
                    + trainTriplets + ", " + validationTriplets + " and " + shardSize);
        }
        // One draw for train + validation keeps the two sets disjoint (the sampler never repeats): the
        // first trainTriplets of the draw are the train shards in order, the rest the validation shard.
        TripletDraw draw = sampler.draw(Math.addExact(trainTriplets, validationTriplets), seed);
        List<R> shards = new ArrayList<>();
        for (int start = 0, n = 0; start < trainTriplets; start += shardSize, n++) {
            int size = Math.min(shardSize, trainTriplets - start);
            shards.add(store.put(trainShardName(n), encodeNext(aligned, draw, size)));
        }
        R validation = store.put(VALIDATION_NAME, encodeNext(aligned, draw, validationTriplets));
        return new Written<>(shards, validation);
    }

    /** The next {@code size} triplets of the draw, scored and encoded as one shard. */
    private static byte[] encodeNext(EmbeddingMatrix aligned, TripletDraw draw, int size) {
        LabelShardFile.Writer shard = new LabelShardFile.Writer(size);
        for (int done = 0; done < size; ) {
            int chunk = Math.min(SCORE_CHUNK, size - done);
            shard.addAll(LabelScorer.score(aligned, draw.next(chunk)));
            done += chunk;
        }
        return shard.toBytes();
    }
}
