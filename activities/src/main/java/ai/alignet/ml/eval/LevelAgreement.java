package ai.alignet.ml.eval;

/**
 * Model-human odd-one-out agreement on one triplet type: {@code correct} of {@code n} triplets where the
 * model's odd one out equals the humans' majority, a 95% percentile-bootstrap interval, and the
 * human-to-human agreement (noise ceiling) for the same triplets; NaN ceiling when no triplet had two raters.
 */
public record LevelAgreement(
        String type, int n, int correct, double accuracy, double ciLow, double ciHigh, double humanCeiling) {}
