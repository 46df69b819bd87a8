package ai.alignet.pipeline.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Triplet label generation: clustering, the sampling variant, and how many triplets — or, when
 * {@code released} is set, no generation at all: the run distils from those labels.
 */
public record LabelSpec(String sampling, int clusters, int trainTriplets, int validationTriplets, int shardSize,
        // Omitted when absent, so specs without it keep the digests (and stage cache keys) they had.
        @JsonInclude(JsonInclude.Include.NON_NULL) ReleasedLabels released) {

    public LabelSpec(String sampling, int clusters, int trainTriplets, int validationTriplets, int shardSize) {
        this(sampling, clusters, trainTriplets, validationTriplets, shardSize, null);
    }

    /** True when the run distils from imported labels instead of generating its own. */
    public boolean fromReleased() {
        return released != null;
    }
}
