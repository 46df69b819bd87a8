package ai.alignet.pipeline.stages;

import java.util.Map;

/** One model's agreement by abstraction level and its linear-probe accuracy under subpopulation shift. */
public record ModelEvaluation(Map<String, LevelScore> agreement, double shiftProbeAccuracy, double uncertaintyCorrelation) {}
