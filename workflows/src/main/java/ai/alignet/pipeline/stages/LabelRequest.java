package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.LabelSpec;

public record LabelRequest(
        StageContext context,
        LabelSpec labels,
        ArtifactRef alignedEmbeddings,
        ArtifactRef assignments,
        ArtifactRef catalog,
        long seed) {}
