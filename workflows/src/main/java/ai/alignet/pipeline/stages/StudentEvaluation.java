package ai.alignet.pipeline.stages;

import java.util.Map;

public record StudentEvaluation(
        String student,
        ModelEvaluation baseline,
        ModelEvaluation aligned,
        Map<String, Double> humanCeiling,
        StageTiming timing) {}
