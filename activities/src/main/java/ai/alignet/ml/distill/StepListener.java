package ai.alignet.ml.distill;

/** Told the loss after every finished step (0-based), e.g. to heartbeat progress. */
@FunctionalInterface
public interface StepListener {

    void onStep(int step, double loss);
}
