package ai.alignet.ml.labels;

/**
 * One seeded draw of distinct triplets, handed out a chunk at a time in sampled order, so that a
 * caller can score and store each chunk before asking for the next ({@link TripletSampler#draw}).
 */
public interface TripletDraw {

    /** Triplets of the draw not yet handed out. */
    int remaining();

    /**
     * The next {@code n} triplets [a, b, c] of the draw; none of them equals, as an unordered set, any
     * triplet handed out before.
     *
     * @throws IllegalArgumentException if {@code n} is negative or more than {@link #remaining()}
     */
    int[][] next(int n);
}
