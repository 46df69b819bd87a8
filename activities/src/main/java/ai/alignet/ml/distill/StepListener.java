package ai.alignet.ml.distill;

/** Told the loss after every finished step (0-based), e.g. to heartbeat progress. */
@FunctionalInterface
public interface StepListener {

    void onStep(int step, double loss);

    /**
     * Asked after every step: true makes the run save a checkpoint at once and stop with
     * {@link DistillStoppedException} (a worker draining before its machine goes away).
     */
    default boolean stopRequested() {
        return false;
    }
}
