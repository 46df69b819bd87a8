package ai.alignet.ml.data;

/**
 * Three item indices with the odd one out last: (i, j) is the pair judged most similar, k the odd one.
 * This is the THINGS convention, and the one every reader normalises to.
 */
public record Triplet(int i, int j, int k) {

    public Triplet {
        if (i < 0 || j < 0 || k < 0) {
            throw new IllegalArgumentException("triplet indices must be >= 0, got (" + i + ", " + j + ", " + k + ")");
        }
        if (i == j || i == k || j == k) {
            throw new IllegalArgumentException("triplet items must differ, got (" + i + ", " + j + ", " + k + ")");
        }
    }

    public int[] toArray() {
        return new int[] {i, j, k};
    }
}
