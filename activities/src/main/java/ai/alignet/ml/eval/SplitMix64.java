package ai.alignet.ml.eval;

/**
 * Steele, Lea and Flood's SplitMix64 generator (the one inside {@link java.util.SplittableRandom}),
 * written out so that a reference in another language ({@code tools/eval_reference.py}) draws exactly
 * the same numbers from the same seed: SplittableRandom's bounded draws are an implementation detail.
 */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        state += 0x9E3779B97F4A7C15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next value, taken as unsigned, modulo {@code bound} (> 0); the bias is below 2^-32 for any int bound. */
    int below(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be > 0, got " + bound);
        }
        return (int) Long.remainderUnsigned(next(), bound);
    }
}
