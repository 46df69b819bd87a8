package ai.alignet.ml.labels;

/** Draws distinct unlabelled triplets of item indices; see {@link TripletSamplers} for the variants. */
public interface TripletSampler {

    /**
     * {@code count} triplets [a, b, c] of item indices in sampled order, no two equal as unordered sets;
     * the same seed gives the same triplets.
     */
    int[][] sample(int count, long seed);
}
