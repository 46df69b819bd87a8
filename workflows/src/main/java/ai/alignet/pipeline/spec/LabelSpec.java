package ai.alignet.pipeline.spec;

/** Triplet label generation: clustering, the sampling variant, and how many triplets. */
public record LabelSpec(String sampling, int clusters, int trainTriplets, int validationTriplets, int shardSize) {}
