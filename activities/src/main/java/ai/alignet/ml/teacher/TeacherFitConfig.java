package ai.alignet.ml.teacher;

/**
 * Hyper-parameters of the gLocal-style teacher fit (DESIGN.md §3).
 *
 * @param alpha weight of the local-structure loss; the global triplet loss gets 1 − alpha
 * @param lambda weight of the regulariser ‖W − mean(diag W)·I‖²_F
 * @param tauLocal temperature τ_l of the cosine-similarity softmax in the local loss
 * @param learningRate Adam step size
 * @param maxEpochs upper bound on passes over the training triplets
 * @param batchSize triplets per step; also the number of corpus images per local-loss batch
 * @param patience epochs without a better held-out triplet loss before stopping early; counted only
 *     once the held-out loss has left the start-up plateau at ln 3 (see {@link TeacherFit})
 * @param seed drives shuffling of triplets and corpus images; the fit is deterministic given it
 */
public record TeacherFitConfig(
        double alpha, double lambda, double tauLocal, double learningRate, int maxEpochs, int batchSize, int patience,
        long seed) {

    public TeacherFitConfig {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1], got " + alpha);
        }
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("lambda must be a finite number >= 0, got " + lambda);
        }
        if (!(tauLocal > 0) || Double.isInfinite(tauLocal)) {
            throw new IllegalArgumentException("tauLocal must be a finite number > 0, got " + tauLocal);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("learningRate must be a finite number > 0, got " + learningRate);
        }
        if (maxEpochs < 1) {
            throw new IllegalArgumentException("maxEpochs must be >= 1, got " + maxEpochs);
        }
        if (batchSize < 2) {
            throw new IllegalArgumentException("batchSize must be >= 2 (the local loss compares images in a batch), got " + batchSize);
        }
        if (patience < 1) {
            throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        }
    }

    /**
     * The paper's α = 0.1, λ = 0.1 and Adam lr 1e-3; τ_l = 0.1 (gLocal's contrastive temperature).
     * 100 epochs of 256-triplet batches is ~1,600 steps for 4,000 triplets, seconds on two CPU cores,
     * and enough for Adam at 1e-3 to grow W from 1e-3·I to order-one scale; patience 5 stops earlier
     * once held-out loss stalls.
     */
    public static TeacherFitConfig defaults() {
        return new TeacherFitConfig(0.1, 0.1, 0.1, 1e-3, 100, 256, 5, 0L);
    }

    public TeacherFitConfig withSeed(long newSeed) {
        return new TeacherFitConfig(alpha, lambda, tauLocal, learningRate, maxEpochs, batchSize, patience, newSeed);
    }
}
