package ai.alignet.ml.eval;

/** Calibration measures for probabilistic predictions: expected calibration error and log-likelihood. */
public final class Calibration {

    private Calibration() {}

    /**
     * Expected calibration error with {@code bins} equal-width confidence bins over [0, 1]:
     * sum over bins of (n_bin / n) · |accuracy_bin − mean confidence_bin|. A confidence of exactly 1
     * falls in the last bin.
     */
    public static double expectedCalibrationError(double[] confidence, boolean[] correct, int bins) {
        if (confidence.length != correct.length) {
            throw new IllegalArgumentException("confidence has " + confidence.length + " entries but correct has "
                    + correct.length + "; pass one flag per prediction");
        }
        if (confidence.length == 0) {
            throw new IllegalArgumentException("expected calibration error needs at least one prediction, got none");
        }
        if (bins < 1) {
            throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        }
        double[] confidenceSum = new double[bins];
        double[] correctSum = new double[bins];
        int[] count = new int[bins];
        for (int n = 0; n < confidence.length; n++) {
            double c = confidence[n];
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence[" + n + "] = " + c + " is not a probability in [0, 1]");
            }
            int bin = Math.min(bins - 1, (int) (c * bins));
            confidenceSum[bin] += c;
            correctSum[bin] += correct[n] ? 1 : 0;
            count[bin]++;
        }
        double ece = 0;
        for (int bin = 0; bin < bins; bin++) {
            if (count[bin] > 0) {
                ece += Math.abs(correctSum[bin] - confidenceSum[bin]) / confidence.length;
            }
        }
        return ece;
    }

    /** Mean of the given log-probabilities of the observed outcomes (higher is better; 0 is perfect). */
    public static double meanLogLikelihood(double[] logProbabilitiesOfObserved) {
        if (logProbabilitiesOfObserved.length == 0) {
            throw new IllegalArgumentException("mean log-likelihood needs at least one observation, got none");
        }
        double sum = 0;
        for (double l : logProbabilitiesOfObserved) {
            sum += l;
        }
        return sum / logProbabilitiesOfObserved.length;
    }
}
