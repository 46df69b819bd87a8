package ai.alignet.ml.labels;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Samples triplets by how their items fall into groups (classes or k-means clusters), uniformly over
 * all valid unordered triplets of the requested shape and without repeats.
 */
final class GroupTripletSampler implements TripletSampler {

    /** How the three items of a triplet relate to the groups. */
    enum Shape {
        /** Three items from three different groups. */
        THREE_GROUPS,
        /** Two items from one group, the third (last) from another. */
        BORDER,
        /** All three items from the same group. */
        WITHIN
    }

    private final int[] groupOf;
    private final List<int[]> members;
    private final Shape shape;

    GroupTripletSampler(int[] labels, Shape shape) {
        this.shape = shape;
        Map<Integer, List<Integer>> byLabel = new LinkedHashMap<>();
        for (int item = 0; item < labels.length; item++) {
            byLabel.computeIfAbsent(labels[item], l -> new ArrayList<>()).add(item);
        }
        this.members = byLabel.values().stream()
                .map(list -> list.stream().mapToInt(Integer::intValue).toArray())
                .toList();
        this.groupOf = new int[labels.length];
        for (int g = 0; g < members.size(); g++) {
            for (int item : members.get(g)) {
                groupOf[item] = g;
            }
        }
    }

    @Override
    public TripletDraw draw(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("triplet count must be >= 0, got " + count);
        }
        double[] weights = groupWeights();
        double available = 0;
        for (double w : weights) {
            available += w;
        }
        if (count > available) {
            throw new IllegalArgumentException("requested " + count + " distinct " + describe() + " triplets but only "
                    + (long) available + " exist over " + groupOf.length + " items in " + members.size()
                    + " groups; request fewer triplets or supply more items");
        }
        return new Draw(count, new SplittableRandom(seed), weights, available);
    }

    /** Rejection of repeats: a drawn triplet already in {@code seen} is dropped and drawn again. */
    private final class Draw implements TripletDraw {
        private final SplittableRandom random;
        private final double[] weights;
        private final double available;
        private final DistinctTriplets seen;
        private int remaining;

        Draw(int count, SplittableRandom random, double[] weights, double available) {
            this.random = random;
            this.weights = weights;
            this.available = available;
            this.seen = new DistinctTriplets(groupOf.length, count);
            this.remaining = count;
        }

        @Override
        public int remaining() {
            return remaining;
        }

        @Override
        public int[][] next(int n) {
            if (n < 0 || n > remaining) {
                throw new IllegalArgumentException("asked for " + n + " triplets but the draw has " + remaining
                        + " left; ask for 0.." + remaining);
            }
            int[][] out = new int[n][];
            int filled = 0;
            while (filled < n) {
                int[] triplet = drawWithRepeats(random, weights, available);
                if (seen.add(triplet[0], triplet[1], triplet[2])) {
                    out[filled++] = triplet;
                }
            }
            remaining -= n;
            return out;
        }
    }

    /**
     * Per group, the number of valid unordered triplets that this group anchors, so that choosing a
     * group with probability ∝ weight and then items uniformly within it is uniform over all triplets.
     */
    double[] groupWeights() {
        int n = groupOf.length;
        double[] weights = new double[members.size()];
        if (shape == Shape.THREE_GROUPS) {
            // One entry with the elementary symmetric polynomial e3 of the group sizes: the number of
            // triplets drawn from three distinct groups (sampled by rejection, see draw).
            double e1 = 0;
            double e2 = 0;
            double e3 = 0;
            for (int[] group : members) {
                double size = group.length;
                e3 += e2 * size;
                e2 += e1 * size;
                e1 += size;
            }
            return new double[] {e3};
        }
        for (int g = 0; g < members.size(); g++) {
            double size = members.get(g).length;
            weights[g] = shape == Shape.BORDER
                    ? size * (size - 1) / 2 * (n - size)
                    : size * (size - 1) * (size - 2) / 6;
        }
        return weights;
    }

    /**
     * One triplet of the shape, uniformly; it may repeat an earlier one (the draw rejects those).
     * Package-private, like {@link #groupWeights}, for the all-at-once reference in LabelShardsTest.
     */
    int[] drawWithRepeats(SplittableRandom random, double[] weights, double total) {
        int n = groupOf.length;
        if (shape == Shape.THREE_GROUPS) {
            // Three distinct items uniformly, accepted when their groups differ: uniform over valid triplets.
            while (true) {
                int a = random.nextInt(n);
                int b = random.nextInt(n);
                int c = random.nextInt(n);
                if (groupOf[a] != groupOf[b] && groupOf[a] != groupOf[c] && groupOf[b] != groupOf[c]) {
                    return new int[] {a, b, c};
                }
            }
        }
        int g = pickGroup(random, weights, total);
        int[] group = members.get(g);
        int first = random.nextInt(group.length);
        int second = distinctIndex(random, group.length, first);
        if (shape == Shape.WITHIN) {
            int third = random.nextInt(group.length);
            while (third == first || third == second) {
                third = random.nextInt(group.length);
            }
            return new int[] {group[first], group[second], group[third]};
        }
        int outside = random.nextInt(n);
        while (groupOf[outside] == g) {
            outside = random.nextInt(n);
        }
        return new int[] {group[first], group[second], outside};
    }

    private static int pickGroup(SplittableRandom random, double[] weights, double total) {
        double target = random.nextDouble() * total;
        double cumulative = 0;
        int last = 0;
        for (int g = 0; g < weights.length; g++) {
            if (weights[g] > 0) {
                cumulative += weights[g];
                last = g;
                if (cumulative > target) {
                    return g;
                }
            }
        }
        return last;
    }

    private static int distinctIndex(SplittableRandom random, int size, int other) {
        int index = random.nextInt(size - 1);
        return index >= other ? index + 1 : index;
    }

    private String describe() {
        return switch (shape) {
            case THREE_GROUPS -> "three-group";
            case BORDER -> "border (two from one group, one from another)";
            case WITHIN -> "within-group";
        };
    }
}
