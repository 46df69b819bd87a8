package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

/** The fitted surrogate teacher and its held-out human-triplet metrics before and after alignment. */
public record TeacherData(
        ArtifactRef transform,
        double accuracyBefore,
        double accuracyAfter,
        double logLikelihoodBefore,
        double logLikelihoodAfter,
        double eceBefore,
        double eceAfter,
        double temperature,
        int epochs,
        StageTiming timing) {}
