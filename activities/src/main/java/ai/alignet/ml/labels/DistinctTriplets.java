package ai.alignet.ml.labels;

/**
 * The unordered triplets drawn so far, so a sampler can reject repeats: an open-addressing hash set of
 * primitive keys sized once for the whole draw. Exact (a Bloom filter's false positives would change
 * which triplets are drawn), and about 12 bytes per triplet where a {@code HashSet} of triplet
 * records costs ~65: the slots are {@code 1.5 × capacity} longs.
 *
 * <p>A triplet's key is its rank among all 3-subsets of the items (combinatorial number system), which
 * fits a long for up to ~3.8M items; for larger corpora the key is the two larger indices packed in a
 * long plus the smallest in a parallel int array (18 bytes per triplet).
 */
final class DistinctTriplets {

    /** Slots per triplet: a load factor of 2/3 keeps linear probing short. */
    private static final double SLOTS_PER_TRIPLET = 1.5;
    private static final long EMPTY = 0;

    private final int capacity;
    private final boolean ranked;
    private final long[] keys;
    /** Smallest index of each slot's triplet when keys are not ranks; null when they are. */
    private final int[] lows;
    private int size;

    /** A set for at most {@code capacity} triplets of indices in [0, items). */
    DistinctTriplets(int items, int capacity) {
        if (items < 0 || capacity < 0) {
            throw new IllegalArgumentException("need items >= 0 and capacity >= 0, got " + items + " and " + capacity);
        }
        this.capacity = capacity;
        this.ranked = subsetsFitALong(items);
        long slots = (long) Math.ceil(capacity * SLOTS_PER_TRIPLET) + 1;
        if (slots > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("cannot track " + capacity + " distinct triplets in one draw (at most "
                    + (long) ((Integer.MAX_VALUE - 9) / SLOTS_PER_TRIPLET) + "); draw fewer triplets");
        }
        this.keys = new long[(int) slots];
        this.lows = ranked ? null : new int[(int) slots];
    }

    /** Adds the unordered triplet {a, b, c}; false if it is already in the set. */
    boolean add(int a, int b, int c) {
        int low = Math.min(a, Math.min(b, c));
        int high = Math.max(a, Math.max(b, c));
        int mid = a + b + c - low - high;
        // +1 so that no key is EMPTY.
        long key = ranked ? low + choose2(mid) + choose3(high) + 1 : ((long) mid << 31 | high) + 1;
        int slot = (int) Long.remainderUnsigned(mix(key ^ (ranked ? 0 : low)), keys.length);
        while (keys[slot] != EMPTY) {
            if (keys[slot] == key && (ranked || lows[slot] == low)) {
                return false;
            }
            slot = slot + 1 == keys.length ? 0 : slot + 1;
        }
        if (size == capacity) {
            throw new IllegalStateException("triplet set is full at " + capacity + " triplets; size it for the whole draw");
        }
        keys[slot] = key;
        if (!ranked) {
            lows[slot] = low;
        }
        size++;
        return true;
    }

    int size() {
        return size;
    }

    /** Bytes held per triplet of capacity (for docs and tests). */
    double bytesPerTriplet() {
        return capacity == 0 ? 0 : (double) keys.length * (ranked ? Long.BYTES : Long.BYTES + Integer.BYTES) / capacity;
    }

    /** Whether C(items, 3), the number of ranks, fits in a long. */
    static boolean subsetsFitALong(int items) {
        try {
            choose3Exact(items);
            return true;
        } catch (ArithmeticException e) {
            return false;
        }
    }

    private static long choose2(int n) {
        return (long) n * (n - 1) / 2;
    }

    /** C(n, 3) for n below the item count, which fits a long; (n(n-1)/2)(n-2) itself may not, so divide by 3 first. */
    private static long choose3(int n) {
        if (n < 3) {
            return 0;
        }
        long pairs = choose2(n);
        return (n - 2) % 3 == 0 ? pairs * ((n - 2) / 3) : pairs / 3 * (n - 2);
    }

    private static long choose3Exact(int n) {
        if (n < 3) {
            return 0;
        }
        long pairs = choose2(n);
        return (n - 2) % 3 == 0 ? Math.multiplyExact(pairs, (n - 2) / 3) : Math.multiplyExact(pairs / 3, n - 2);
    }

    /** Stafford's mix13 finaliser: consecutive ranks land far apart, so probe runs stay short. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
