package ai.alignet.pipeline.report;

import ai.alignet.pipeline.stages.LevelScore;
import java.util.List;
import java.util.Map;

/**
 * One student: agreement by level (with 95% bootstrap intervals in {@code intervals}), probe accuracy
 * under subpopulation shift, entropy-vs-human-uncertainty correlation and the training loss curve.
 */
public record StudentReport(
        String name,
        Agreement agreement,
        BaselineAligned shiftProbeAccuracy,
        BaselineAligned uncertaintyCorrelation,
        Map<String, Map<String, LevelScore>> intervals,
        int steps,
        double finalLoss,
        List<Double> lossCurve) {}
