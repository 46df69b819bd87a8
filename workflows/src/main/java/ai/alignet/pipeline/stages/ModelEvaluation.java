package ai.alignet.pipeline.stages;

import java.util.Map;

/**
 * One model's evaluation: agreement by abstraction level; linear-probe accuracy under subpopulation
 * shift (BREEDS-style); entropy-vs-human-uncertainty correlation; few-shot accuracy by shots per class
 * (mean over seeded draws); entropy-vs-reaction-time correlation (null when the human data has no
 * reaction times); probe accuracy on the adversarially filtered held-out images (ImageNet-A-style; null
 * when the filter left none).
 */
public record ModelEvaluation(
        Map<String, LevelScore> agreement,
        double shiftProbeAccuracy,
        double uncertaintyCorrelation,
        Map<Integer, Double> fewShotAccuracy,
        Double reactionTimeCorrelation,
        Double adversarialProbeAccuracy) {}
