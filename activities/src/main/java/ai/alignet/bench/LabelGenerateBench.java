package ai.alignet.bench;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.labels.LabelShards;
import ai.alignet.ml.labels.TripletSampler;
import ai.alignet.ml.labels.TripletSamplers;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/**
 * The label stage's generation path ({@link LabelShards#write}, what {@code LabelActivitiesImpl.label}
 * runs) on random embeddings, with a store that hashes each shard and drops it: run under
 * {@code /usr/bin/time -v} it gives the stage's peak memory without an object store's. The sha256 over
 * all shard names and bytes, in order, lets two versions of the code be checked for identical output.
 */
public final class LabelGenerateBench {

    public record Result(int rows, int dim, String sampling, int groups, int trainTriplets, int validationTriplets,
            int shardSize, int trainShards, double seconds, double tripletsPerSecond, double peakHeapMb, String sha256) {}

    private LabelGenerateBench() {}

    /**
     * Items belong to group {@code item % groups}: the classes of "random", "class_border" and
     * "within_class", and the clusters of "cluster_border_&lt;groups&gt;".
     */
    public static Result run(int rows, int dim, String sampling, int groups, int trainTriplets, int validationTriplets,
            int shardSize, long seed) {
        if (rows < 3 || dim < 1 || groups < 1 || trainTriplets < 0 || validationTriplets < 0 || shardSize < 1) {
            throw new IllegalArgumentException(
                    "need rows >= 3, dim >= 1, groups >= 1, train and validation triplets >= 0, shard size >= 1");
        }
        EmbeddingMatrix embeddings = EmbeddingMatrix.gaussian(rows, dim, new SplittableRandom(17));
        int[] group = new int[rows];
        for (int item = 0; item < rows; item++) {
            group[item] = item % groups;
        }
        TripletSampler sampler = TripletSamplers.forName(sampling, group, group);
        MessageDigest digest = sha256();
        long start = System.nanoTime();
        LabelShards.Written<Integer> written = LabelShards.write(embeddings, sampler, trainTriplets, validationTriplets,
                shardSize, seed, (name, shard) -> {
                    digest.update(name.getBytes(StandardCharsets.UTF_8));
                    digest.update(shard);
                    return shard.length;
                });
        double seconds = Spread.seconds(start);
        return new Result(rows, dim, sampling, groups, trainTriplets, validationTriplets, shardSize,
                written.trainShards().size(), seconds, (trainTriplets + validationTriplets) / seconds, peakHeapMb(),
                HexFormat.of().formatHex(digest.digest()));
    }

    /** Sum of the heap pools' peak use: what the live objects needed, whatever the collector let RSS grow to. */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1e6;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }
}
