package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.StudentSpec;
import java.util.List;

public record DistillRequest(
        StageContext context,
        StudentSpec student,
        ArtifactRef backbone,
        List<ArtifactRef> labelShards,
        List<ArtifactRef> corpusShards,
        long seed) {}
