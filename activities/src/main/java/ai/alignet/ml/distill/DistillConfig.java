package ai.alignet.ml.distill;

import java.util.ArrayList;
import java.util.List;

/**
 * How to distil one student: steps, triplets per batch, learning-rate schedule, pull toward the initial
 * weights (w_d), the student temperature τ, the loss ("jsd" or "kl"), the triplet-head width, how
 * often to checkpoint, and the seed that fixes data order.
 */
public record DistillConfig(
        int steps,
        int batchSize,
        double peakLearningRate,
        double warmupFraction,
        double decayToInit,
        double tau,
        String loss,
        int headDim,
        int checkpointEvery,
        long seed) {

    public static final List<String> LOSSES = List.of("jsd", "kl");

    public DistillConfig {
        List<String> problems = new ArrayList<>();
        if (steps < 1) {
            problems.add("steps must be >= 1, got " + steps);
        }
        if (batchSize < 1) {
            problems.add("batchSize must be >= 1, got " + batchSize);
        }
        if (!(peakLearningRate > 0) || Double.isInfinite(peakLearningRate)) {
            problems.add("peakLearningRate must be a finite number > 0, got " + peakLearningRate);
        }
        if (!(warmupFraction >= 0 && warmupFraction < 1)) {
            problems.add("warmupFraction must be in [0, 1), got " + warmupFraction);
        }
        if (!(decayToInit >= 0) || Double.isInfinite(decayToInit)) {
            problems.add("decayToInit must be a finite number >= 0, got " + decayToInit);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            problems.add("tau must be a finite number > 0, got " + tau);
        }
        if (!LOSSES.contains(loss)) {
            problems.add("loss must be one of " + LOSSES + ", got '" + loss + "'");
        }
        if (headDim < 1) {
            problems.add("headDim must be >= 1, got " + headDim);
        }
        if (checkpointEvery < 1) {
            problems.add("checkpointEvery must be >= 1, got " + checkpointEvery);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid distill config: " + String.join("; ", problems));
        }
    }

    /**
     * The demo recipe: the paper's loss, τ and w_d, but a far higher peak rate and few steps so that the
     * effect shows on two CPU cores in well under a minute (the paper uses 3e-5 for 100k steps).
     */
    public static DistillConfig demo() {
        return new DistillConfig(100, 32, 2e-3, 0.05, DecayToInitAdam.DEFAULT_DECAY_TO_INIT, TripletLosses.DEFAULT_TAU,
                "jsd", StudentModels.DEFAULT_HEAD_DIM, 25, 1);
    }

    public DistillConfig withSteps(int newSteps, int newCheckpointEvery) {
        return new DistillConfig(newSteps, batchSize, peakLearningRate, warmupFraction, decayToInit, tau, loss, headDim,
                newCheckpointEvery, seed);
    }

    public DistillConfig withSeed(long newSeed) {
        return new DistillConfig(steps, batchSize, peakLearningRate, warmupFraction, decayToInit, tau, loss, headDim,
                checkpointEvery, newSeed);
    }
}
