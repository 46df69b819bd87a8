package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

/** A distilled student: its model, and a down-sampled loss curve (at most a few hundred points). */
public record DistillData(
        String student,
        ArtifactRef model,
        int steps,
        List<Double> lossCurve,
        double finalLoss,
        int resumedFromStep,
        StageTiming timing) {}
