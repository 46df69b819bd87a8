package ai.alignet.pipeline.stages;

import java.util.Map;

/** Baseline and aligned model on the same data; {@code adversarialImages}: the filtered set both were probed on. */
public record StudentEvaluation(
        String student,
        ModelEvaluation baseline,
        ModelEvaluation aligned,
        Map<String, Double> humanCeiling,
        int adversarialImages,
        StageTiming timing) {}
