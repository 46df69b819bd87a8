package ai.alignet.ml.distill;

/**
 * Linear warm-up to the peak rate over the first {@code warmupFraction} of steps, then cosine decay to
 * zero at the last step, as in the AligNet student recipe.
 */
public final class LearningRateSchedule {

    private final double peak;
    private final int totalSteps;
    private final int warmupSteps;

    public LearningRateSchedule(double peak, double warmupFraction, int totalSteps) {
        if (!(peak > 0) || totalSteps < 1 || !(warmupFraction >= 0 && warmupFraction < 1)) {
            throw new IllegalArgumentException("learning-rate schedule needs peak > 0, totalSteps >= 1 and warmupFraction"
                    + " in [0, 1), got peak " + peak + ", totalSteps " + totalSteps + ", warmupFraction " + warmupFraction);
        }
        this.peak = peak;
        this.totalSteps = totalSteps;
        this.warmupSteps = (int) Math.round(warmupFraction * totalSteps);
    }

    public int warmupSteps() {
        return warmupSteps;
    }

    /**
     * The rate for 0-based {@code step}: peak·(step+1)/warmup during warm-up (so the first step already
     * moves), then peak·½(1 + cos(π·t)) with t running from 0 at the end of warm-up to 1 at the last step.
     */
    public double at(int step) {
        if (step < 0 || step >= totalSteps) {
            throw new IllegalArgumentException("step " + step + " is outside the schedule's 0.." + (totalSteps - 1));
        }
        if (step < warmupSteps) {
            return peak * (step + 1) / warmupSteps;
        }
        int decaySteps = totalSteps - warmupSteps;
        double t = decaySteps <= 1 ? 0 : (double) (step - warmupSteps) / (decaySteps - 1);
        return peak * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
