package ai.alignet.ml.world;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything that fixes a synthetic world: its seed, image size, the shape of the category hierarchy,
 * how many images each of the three image sets holds per basic category, and how noisy the simulated
 * people are (the softmax temperature of their choices).
 */
public record WorldConfig(
        long seed,
        int imageSize,
        int superordinates,
        int basicPerSuperordinate,
        int corpusPerCategory,
        int thingsPerCategory,
        int levelsPerCategory,
        double humanNoise) {

    public WorldConfig {
        List<String> problems = new ArrayList<>();
        if (imageSize < 16 || imageSize > 512) {
            problems.add("imageSize must be in 16..512 (shapes are unreadable below 16 px), got " + imageSize);
        }
        if (superordinates < 2 || superordinates > ShapeFamilies.SUPERORDINATE_NAMES.size()) {
            problems.add("superordinates must be in 2.." + ShapeFamilies.SUPERORDINATE_NAMES.size()
                    + " (coarse triplets need two; there are that many shape families), got " + superordinates);
        }
        if (basicPerSuperordinate < 2 || basicPerSuperordinate > ShapeFamilies.BASIC_PER_FAMILY) {
            problems.add("basicPerSuperordinate must be in 2.." + ShapeFamilies.BASIC_PER_FAMILY
                    + " (fine triplets need two siblings), got " + basicPerSuperordinate);
        }
        if (corpusPerCategory < 1 || thingsPerCategory < 1 || levelsPerCategory < 2) {
            problems.add("corpusPerCategory and thingsPerCategory must be >= 1 and levelsPerCategory >= 2, got "
                    + corpusPerCategory + ", " + thingsPerCategory + ", " + levelsPerCategory);
        }
        if (!(humanNoise > 0) || Double.isInfinite(humanNoise)) {
            problems.add("humanNoise must be a finite number > 0 (it divides similarities), got " + humanNoise);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid world config: " + String.join("; ", problems));
        }
    }

    /**
     * The demo world. A noise of 1.0 on similarities (basic 4, superordinate 2) makes one simulated
     * person agree with the majority of others on about 80-90% of Levels triplets: clearly above
     * chance, clearly below perfect, as with real people.
     */
    public static WorldConfig demo() {
        return new WorldConfig(7, 32, 3, 4, 80, 20, 20, 1.0);
    }

    public int categoryCount() {
        return superordinates * basicPerSuperordinate;
    }

    public WorldConfig withSeed(long newSeed) {
        return new WorldConfig(newSeed, imageSize, superordinates, basicPerSuperordinate, corpusPerCategory,
                thingsPerCategory, levelsPerCategory, humanNoise);
    }
}
