package ai.alignet.ml.teacher;

/**
 * Maximum-likelihood temperature for odd-one-out probabilities p = softmax(logits / T): the
 * uncertainty-distillation step of DESIGN.md §3. Repeated judgements of one triplet enter as repeated
 * rows, so the optimum matches their empirical choice distribution.
 */
public final class TemperatureFit {

    static final double MIN_TEMPERATURE = 1e-4;
    static final double MAX_TEMPERATURE = 1e4;
    private static final int GOLDEN_SECTION_STEPS = 100;

    private TemperatureFit() {}

    /**
     * @param logits one row per observed choice, [S_ij, S_ik, S_jk] with (i, j) the pair the person
     *     chose (index 0 is the observed outcome)
     * @return the T in [1e-4, 1e4] maximising mean log p_0; golden-section search over log T, which
     *     is exact here because the negative log-likelihood is convex in 1/T and so unimodal in log T
     */
    public static double fit(double[][] logits) {
        if (logits.length == 0) {
            throw new IllegalArgumentException("temperature fit needs at least one observed choice, got none");
        }
        double invPhi = (Math.sqrt(5) - 1) / 2;
        double low = Math.log(MIN_TEMPERATURE);
        double high = Math.log(MAX_TEMPERATURE);
        double left = high - invPhi * (high - low);
        double right = low + invPhi * (high - low);
        double fLeft = negativeLogLikelihood(logits, Math.exp(left));
        double fRight = negativeLogLikelihood(logits, Math.exp(right));
        for (int step = 0; step < GOLDEN_SECTION_STEPS; step++) {
            if (fLeft <= fRight) {
                high = right;
                right = left;
                fRight = fLeft;
                left = high - invPhi * (high - low);
                fLeft = negativeLogLikelihood(logits, Math.exp(left));
            } else {
                low = left;
                left = right;
                fLeft = fRight;
                right = low + invPhi * (high - low);
                fRight = negativeLogLikelihood(logits, Math.exp(right));
            }
        }
        return Math.exp((low + high) / 2);
    }

    /** −mean log softmax(row / T)[0]. */
    static double negativeLogLikelihood(double[][] logits, double temperature) {
        double sum = 0;
        for (double[] row : logits) {
            double max = Math.max(row[0], Math.max(row[1], row[2])) / temperature;
            double z = 0;
            for (double l : row) {
                z += Math.exp(l / temperature - max);
            }
            sum -= row[0] / temperature - max - Math.log(z);
        }
        return sum / logits.length;
    }
}
