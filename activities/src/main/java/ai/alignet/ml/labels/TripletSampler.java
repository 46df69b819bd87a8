package ai.alignet.ml.labels;

/** Draws distinct unlabelled triplets of item indices; see {@link TripletSamplers} for the variants. */
public interface TripletSampler {

    /**
     * Starts a draw of {@code count} triplets, no two equal as unordered sets; the same seed gives the
     * same triplets in the same order, however the caller splits them into chunks. Its memory is the
     * no-repeat set, ~12 bytes per triplet of {@code count} ({@link DistinctTriplets}), plus the chunk
     * asked for.
     *
     * @throws IllegalArgumentException if fewer than {@code count} distinct triplets exist
     */
    TripletDraw draw(int count, long seed);

    /**
     * {@code count} triplets [a, b, c] of item indices in sampled order, no two equal as unordered sets;
     * the same seed gives the same triplets. All of them at once: {@link #draw} for large counts.
     */
    default int[][] sample(int count, long seed) {
        return draw(count, seed).next(count);
    }
}
