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
 *
 * <p>Reaction times follow the finding that people are slower on choices they are less sure of: a
 * person's time on a triplet is (BASE + PER_UNCERTAINTY · H / ln 3) · exp(σ · N(0, 1)) ms, rounded to a
 * whole millisecond, where H is the entropy of that person's own choice distribution (0 when one pair
 * is certain, ln 3 when all three are equally likely) and the log-normal factor is the trial-to-trial
 * noise. Times come from their own random stream, so asking for them changes no choice.
 */
public final class SimulatedPeople {

    static final double SAME_BASIC = 4.0;
    static final double SAME_SUPERORDINATE = 2.0;
    /** People notice colour too, but far less than what a thing is. */
    static final double SAME_COLOUR = 0.5;

    public static final List<String> LEVEL_TYPES = List.of("coarse", "fine", "boundary");

    /** A quick, certain answer takes about this long (ms). */
    static final double BASE_RT_MS = 700;
    /** Extra time at maximal uncertainty (H = ln 3), in ms. */
    static final double PER_UNCERTAINTY_RT_MS = 1200;
    /** σ of the log-normal trial noise. */
    static final double RT_NOISE = 0.25;

    private final SyntheticWorld world;
    private final double noise;
    private final Random random;
    private final Random reactionRandom;

    public SimulatedPeople(SyntheticWorld world, double noise, long seed) {
        if (!(noise > 0) || Double.isInfinite(noise)) {
            throw new IllegalArgumentException("simulated people need a finite choice noise > 0, got " + noise);
        }
        this.world = world;
        this.noise = noise;
        this.random = new Random(seed);
        this.reactionRandom = new Random(~seed);
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

    /** Entropy (nats) of a person's odd-one-out choice distribution on (a, b, c). */
    public double choiceEntropy(WorldImage a, WorldImage b, WorldImage c) {
        double[] logits = {similarity(b, c) / noise, similarity(a, c) / noise, similarity(a, b) / noise};
        double max = Math.max(logits[0], Math.max(logits[1], logits[2]));
        double total = 0;
        for (double l : logits) {
            total += Math.exp(l - max);
        }
        double h = 0;
        for (double l : logits) {
            double p = Math.exp(l - max) / total;
            h -= p > 0 ? p * Math.log(p) : 0;
        }
        return h;
    }

    /** One person's reaction time (ms) on a triplet whose choice entropy is {@code entropy}. */
    double reactionTimeMs(double entropy) {
        double ms = (BASE_RT_MS + PER_UNCERTAINTY_RT_MS * entropy / Math.log(3))
                * Math.exp(RT_NOISE * reactionRandom.nextGaussian());
        return Math.max(1, Math.round(ms));
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
     * from another superordinate). Positions are shuffled; votes, with each person's reaction time, come
     * from {@code raters} people.
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
                List<List<Double>> times = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
                WorldImage a = images.get(t[0]);
                WorldImage b = images.get(t[1]);
                WorldImage c = images.get(t[2]);
                double entropy = choiceEntropy(a, b, c);
                for (int r = 0; r < raters; r++) {
                    int odd = chooseOddOneOut(a, b, c);
                    votes[odd]++;
                    times.get(odd).add(reactionTimeMs(entropy));
                }
                double[] rt = times.stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray();
                out.add(new JudgedTriplet(t[0], t[1], t[2], type, votes, rt));
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
