package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DistinctTripletsTest {

    @Test
    void everyThreeSubsetOfThirtyItemsIsNewOnceAndARepeatInAnyOrder() {
        int n = 30;
        DistinctTriplets set = new DistinctTriplets(n, 4060); // C(30, 3)
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                for (int c = b + 1; c < n; c++) {
                    assertThat(set.add(c, a, b)).as("%d %d %d", a, b, c).isTrue();
                }
            }
        }
        assertThat(set.size()).isEqualTo(4060);
        SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            int[] t = distinct(random, n);
            assertThat(set.add(t[0], t[1], t[2])).isFalse();
            assertThat(set.add(t[2], t[0], t[1])).isFalse();
        }
    }

    @Test
    void ranksAndWideKeysBothAgreeWithAHashSetOfSortedTriplets() {
        for (int items : new int[] {50, Integer.MAX_VALUE}) {
            DistinctTriplets set = new DistinctTriplets(items, 15_000);
            Set<List<Integer>> reference = new HashSet<>();
            SplittableRandom random = new SplittableRandom(items);
            // 15,000 of the 19,600 triplets of indices 0..49 (many repeats); for the wide keys, some
            // indices near Integer.MAX_VALUE too.
            while (reference.size() < 15_000) {
                int[] t = distinct(random, 50);
                if (items == Integer.MAX_VALUE && random.nextBoolean()) {
                    t[random.nextInt(3)] = Integer.MAX_VALUE - 1 - random.nextInt(3) * 1000;
                    if (t[0] == t[1] || t[0] == t[2] || t[1] == t[2]) {
                        continue;
                    }
                }
                int[] sorted = t.clone();
                Arrays.sort(sorted);
                assertThat(set.add(t[0], t[1], t[2])).isEqualTo(reference.add(List.of(sorted[0], sorted[1], sorted[2])));
            }
            assertThat(set.size()).isEqualTo(15_000);
        }
    }

    @Test
    void ranksAreUsedExactlyUpToTheLargestItemCountWhoseTripletCountFitsALong() {
        BigInteger max = BigInteger.valueOf(Long.MAX_VALUE);
        int n = 3;
        int above = Integer.MAX_VALUE;
        while (above - n > 1) { // binary search: C(n, 3) fits, C(above, 3) does not
            int mid = n + (above - n) / 2;
            if (choose3(mid).compareTo(max) <= 0) {
                n = mid;
            } else {
                above = mid;
            }
        }
        assertThat(DistinctTriplets.subsetsFitALong(n)).isTrue();
        assertThat(DistinctTriplets.subsetsFitALong(n + 1)).isFalse();
        // At the limit the largest ranks stay distinct from each other and from the smallest.
        DistinctTriplets set = new DistinctTriplets(n, 4);
        assertThat(set.add(n - 1, n - 2, n - 3)).isTrue();
        assertThat(set.add(n - 1, n - 2, n - 4)).isTrue();
        assertThat(set.add(0, 1, n - 1)).isTrue();
        assertThat(set.add(0, 1, 2)).isTrue();
        assertThat(set.add(n - 3, n - 1, n - 2)).isFalse();
    }

    @Test
    void addingMoreThanItWasSizedForFailsInsteadOfProbingForever() {
        DistinctTriplets set = new DistinctTriplets(10, 2);
        set.add(0, 1, 2);
        set.add(0, 1, 3);
        assertThat(set.add(1, 0, 2)).isFalse();
        assertThatThrownBy(() -> set.add(0, 1, 4)).hasMessageContaining("full at 2 triplets");
    }

    @Test
    void costsTwelveBytesATripletWithRanksAndEighteenWithWideKeys() {
        assertThat(new DistinctTriplets(1_281_167, 1_000_000).bytesPerTriplet()).isCloseTo(12.0, offset(0.01));
        assertThat(new DistinctTriplets(Integer.MAX_VALUE, 1_000_000).bytesPerTriplet()).isCloseTo(18.0, offset(0.01));
    }

    private static int[] distinct(SplittableRandom random, int n) {
        int a = random.nextInt(n);
        int b = random.nextInt(n);
        int c = random.nextInt(n);
        while (b == a) {
            b = random.nextInt(n);
        }
        while (c == a || c == b) {
            c = random.nextInt(n);
        }
        return new int[] {a, b, c};
    }

    private static BigInteger choose3(int n) {
        BigInteger b = BigInteger.valueOf(n);
        return b.multiply(b.subtract(BigInteger.ONE)).multiply(b.subtract(BigInteger.TWO)).divide(BigInteger.valueOf(6));
    }
}
