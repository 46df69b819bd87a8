package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.EvaluationSpec;
import java.util.List;

/** Evaluate one student, baseline backbone against the aligned student, on held-out human data. */
public record EvaluateRequest(
        StageContext context,
        String student,
        ArtifactRef baseModel,
        ArtifactRef alignedModel,
        ArtifactRef levelsShard,
        ArtifactRef levelsTriplets,
        List<ArtifactRef> corpusShards,
        ArtifactRef catalog,
        EvaluationSpec evaluation,
        long seed) {}
