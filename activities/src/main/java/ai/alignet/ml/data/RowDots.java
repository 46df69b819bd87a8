package ai.alignet.ml.data;

/**
 * Dot products of float rows, in double precision and in one fixed order, so that every similarity —
 * a label's logits, the teacher's, an evaluation's odd-one-out choice — is the same number, bit for bit,
 * on every machine, thread count and JIT state.
 *
 * <p>The order: the products of dimensions d ≡ s (mod {@value #STRIPES}) are summed in ascending d into
 * stripe s, each exactly as {@code Math.fma((double) x, (double) y, sum)} (two floats' product is exact
 * in double, so this rounds once, as {@code sum + (double) x * y} does); the stripes are then added as
 * {@code ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))}. Eight stripes are eight lanes of one
 * 512-bit vector of doubles (two of 256 bits): that order lets {@link VectorRowDots} sum with SIMD
 * instructions — label scoring on cached rows 4.4 M triplets/s against 2.1 M for one running sum per
 * pair, which must add one product at a time (docs/benchmarks.md §3) — while {@link ScalarRowDots}
 * gives the same numbers where there is no vector support.
 *
 * <p>Rows are given by number in one row-major array {@code v}: row r of width {@code dim} is
 * {@code v[r · dim, (r + 1) · dim)}.
 */
public interface RowDots {

    /** Stripes (interleaved partial sums) per dot product. */
    int STRIPES = 8;

    /** The kernel this JVM runs: SIMD where the JDK's vector module is present and the CPU has wide vectors. */
    static RowDots fastest() {
        return RowDotsChoice.FASTEST;
    }

    /** What the kernel is, for benchmark reports: {@code "vector-512"}, {@code "vector-256"} or {@code "scalar"}. */
    String name();

    /** The dot product of rows {@code a} and {@code b}. */
    double dot(float[] v, int a, int b, int dim);

    /**
     * The three dot products of a triplet of rows in one pass over them, each exactly as {@link #dot}:
     * {@code out[at] = a·b}, {@code out[at + 1] = a·c}, {@code out[at + 2] = b·c}.
     */
    void tripletDots(float[] v, int a, int b, int c, int dim, double[] out, int at);

    /**
     * {@link #tripletDots} for two triplets of rows, {@code t} and {@code u}, read side by side (six
     * rows' reads overlap while waiting on memory): {@code out[0..3)} for {@code t}, {@code out[3..6)} for
     * {@code u}.
     */
    void twoTripletDots(float[] v, int[] t, int[] u, int dim, double[] out);

    /** The stripes' sums {@code stripes[from, from + 8)} added in the fixed order of the definition. */
    static double addStripes(double[] stripes, int from) {
        return ((stripes[from] + stripes[from + 1]) + (stripes[from + 2] + stripes[from + 3]))
                + ((stripes[from + 4] + stripes[from + 5]) + (stripes[from + 6] + stripes[from + 7]));
    }
}
