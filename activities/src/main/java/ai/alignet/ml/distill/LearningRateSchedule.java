package ai.alignet.ml.distill;

/**
 * Linear warm-up from 0 to the peak rate over the first {@code warmupFraction} of steps, then cosine
 * decay towards zero: exactly optax's {@code warmup_cosine_decay_schedule(init_value=0, peak_value,
 * warmup_steps, decay_steps=totalSteps)}, which the published AligNet configuration uses (checked
 * against tools/method_reference.py in PublishedFormulasGoldenTest).
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
     * The rate for 0-based {@code step} (optax evaluates its schedule at the update count before
     * incrementing it): peak·step/warmup during warm-up, so the very first update has rate 0 as in the
     * published runs, then peak·½(1 + cos(π·(step − warmup)/(total − warmup))).
     */
    public double at(int step) {
        if (step < 0 || step >= totalSteps) {
            throw new IllegalArgumentException("step " + step + " is outside the schedule's 0.." + (totalSteps - 1));
        }
        if (step < warmupSteps) {
            return peak * step / warmupSteps;
        }
        int decaySteps = totalSteps - warmupSteps;
        double t = (double) (step - warmupSteps) / decaySteps;
        return peak * 0.5 * (1 + Math.cos(Math.PI * t));
    }
}
