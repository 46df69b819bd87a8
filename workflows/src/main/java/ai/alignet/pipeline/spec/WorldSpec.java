package ai.alignet.pipeline.spec;

/**
 * The synthetic world: generated images with a known category hierarchy, simulated people who judge
 * by that hierarchy, and the sizes of each image set.
 */
public record WorldSpec(
        int imageSize,
        int superordinates,
        int basicPerSuperordinate,
        int corpusPerCategory,
        int thingsPerCategory,
        int levelsPerCategory,
        double humanNoise,
        int humanTriplets,
        double heldOutFraction,
        int levelsTripletsPerType,
        int raters,
        int shardSize) {}
