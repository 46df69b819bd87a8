package ai.alignet.pipeline.report;

import ai.alignet.pipeline.stages.LevelScore;
import java.util.List;
import java.util.Map;

/**
 * One student: agreement by level (with 95% bootstrap intervals in {@code intervals}), probe accuracy
 * under subpopulation shift, entropy-vs-human-uncertainty correlation, the training loss curve; few-shot
 * accuracy by shots per class; entropy-vs-reaction-time correlation (null when the human data has no
 * reaction times); probe accuracy on the {@code adversarialImages} held-out images a pixel-space filter
 * classifier got wrong (ImageNet-A-style; null when there were none).
 */
public record StudentReport(
        String name,
        Agreement agreement,
        BaselineAligned shiftProbeAccuracy,
        BaselineAligned uncertaintyCorrelation,
        Map<String, Map<String, LevelScore>> intervals,
        int steps,
        double finalLoss,
        List<Double> lossCurve,
        Map<Integer, BaselineAligned> fewShotAccuracy,
        BaselineAligned reactionTimeCorrelation,
        BaselineAligned adversarialProbeAccuracy,
        int adversarialImages) {}
