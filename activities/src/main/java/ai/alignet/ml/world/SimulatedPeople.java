package ai.alignet.ml.world;

import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.data.Triplet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Simulated people who judge odd-one-out triplets by the category hierarchy, with a little weight on
 * shared colour and softmax choice noise: the pair they call most similar is drawn with probability
 * proportional to exp(similarity / noise). The noise is what makes a human-to-human ceiling exist.
 */
public final class SimulatedPeople {

    static final double SAME_BASIC = 4.0;
    static final double SAME_SUPERORDINATE = 2.0;
    /** People notice colour too, but far less than what a thing is. */
    static final double SAME_COLOUR = 0.5;

    public static final List<String> LEVEL_TYPES = List.of("coarse", "fine", "boundary");

    private final SyntheticWorld world;
    private final double noise;
    private final Random random;

    public SimulatedPeople(SyntheticWorld world, double noise, long seed) {
        if (!(noise > 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("simulated people need a finite choice noise > 0, got " + noise);
        }
        this.world = world;
        this.noise = noise;
        this.random = new Random(seed);
    }

    /** How similar a person finds two images: hierarchy first, colour a little. */
    public double similarity(WorldImage a, WorldImage b) {
        double s = 0;
        if (a.category() == b.category()) {
            s += SAME_BASIC;
        } else if (a.superordinate() == b.superordinate()) {
            s += SAME_SUPERORDINATE;
        }
        if (a.colour() == b.colour()) {
            s += SAME_COLOUR;
        }
        return s;
    }

    /** One person's choice: the position (0..2) of the odd one out. */
    public int chooseOddOneOut(WorldImage a, WorldImage b, WorldImage c) {
        // Pair (b,c) most similar means a is odd, and so on.
        double[] logits = {similarity(b, c) / noise, similarity(a, c) / noise, similarity(a, b) / noise};
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double[] w = new double[3];
        double total = 0;
        for (int p = 0; p < 3; p++) {
            w[p] = Math.exp(logits[p] - max);
            total += w[p];
        }
        double u = random.nextDouble() * total;
        for (int p = 0; p < 2; p++) {
            u -= w[p];
            if (u < 0) {
                return p;
            }
        }
        return 2;
    }

    /**
     * {@code count} random triplets of distinct images (indices into {@code images}), no triplet twice,
     * each judged by one person and returned with the odd one out last.
     */
    public List<Triplet> judge(List<WorldImage> images, int count) {
        long n = images.size();
        long possible = n * (n - 1) * (n - 2) / 6;
        if (n < 3 || count > possible) {
            throw new IllegalArgumentException("cannot draw " + count + " distinct triplets from " + n
                    + " images (at most " + Math.max(0, possible) + "); ask for fewer triplets or pass more images");
        }
        Set<List<Integer>> seen = new HashSet<>();
        List<Triplet> out = new ArrayList<>(count);
        while (out.size() < count) {
            int[] t = {random.nextInt((int) n), random.nextInt((int) n), random.nextInt((int) n)};
            if (t[0] == t[1] || t[0] == t[2] || t[1] == t[2]) {
                continue;
            }
            int[] sorted = t.clone();
            java.util.Arrays.sort(sorted);
            if (!seen.add(List.of(sorted[0], sorted[1], sorted[2]))) {
                continue;
            }
            int odd = chooseOddOneOut(images.get(t[0]), images.get(t[1]), images.get(t[2]));
            out.add(new Triplet(t[(odd + 1) % 3], t[(odd + 2) % 3], t[odd]));
        }
        return out;
    }

    /**
     * Levels-style evaluation triplets, {@code perType} of each type in {@link #LEVEL_TYPES}: "coarse" (two
     * from one superordinate but different basic categories, one from another superordinate), "fine" (two
     * from one basic category, one from a sibling category), "boundary" (two from one basic category, one
     * from another superordinate). Positions are shuffled; votes come from {@code raters} people.
     */
    public List<JudgedTriplet> levelsTriplets(List<WorldImage> images, int perType, int raters) {
        if (perType < 1 || raters < 1) {
            throw new IllegalArgumentException("levels triplets need perType >= 1 and raters >= 1, got "
                    + perType + " and " + raters);
        }
        List<JudgedTriplet> out = new ArrayList<>();
        for (String type : LEVEL_TYPES) {
            int made = 0;
            int attempts = 0;
            while (made < perType) {
                if (++attempts > perType * 10_000) {
                    throw new IllegalArgumentException("could not find " + perType + " '" + type + "' triplets among "
                            + images.size() + " images; pass images from at least two superordinates with two "
                            + "basic categories each and two images per category");
                }
                int[] t = {random.nextInt(images.size()), random.nextInt(images.size()), random.nextInt(images.size())};
                if (t[0] == t[1] || t[0] == t[2] || t[1] == t[2]
                        || !isOfType(type, images.get(t[0]), images.get(t[1]), images.get(t[2]))) {
                    continue;
                }
                shuffle(t);
                int[] votes = new int[3];
                for (int r = 0; r < raters; r++) {
                    votes[chooseOddOneOut(images.get(t[0]), images.get(t[1]), images.get(t[2]))]++;
                }
                out.add(new JudgedTriplet(t[0], t[1], t[2], type, votes));
                made++;
            }
        }
        return out;
    }

    /** Whether (a, b) is the similar pair and c the odd one out of a triplet of the given type. */
    public static boolean isOfType(String type, WorldImage a, WorldImage b, WorldImage c) {
        return switch (type) {
            case "coarse" -> a.superordinate() == b.superordinate() && a.category() != b.category()
                    && c.superordinate() != a.superordinate();
            case "fine" -> a.category() == b.category() && c.superordinate() == a.superordinate()
                    && c.category() != a.category();
            case "boundary" -> a.category() == b.category() && c.superordinate() != a.superordinate();
            default -> throw new IllegalArgumentException("unknown triplet type '" + type + "'; use one of " + LEVEL_TYPES);
        };
    }

    private void shuffle(int[] t) {
        for (int i = 2; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int tmp = t[i];
            t[i] = t[j];
            t[j] = tmp;
        }
    }

    public SyntheticWorld world() {
        return world;
    }
}
