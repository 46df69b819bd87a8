package ai.alignet.ml.distill;

/** The training loss became NaN or infinite; training stops and the last good checkpoint is kept. */
public final class TrainingDivergedException extends RuntimeException {

    private final int step;

    public TrainingDivergedException(int step, String batch, double loss) {
        super("training diverged: loss is " + loss + " at step " + step + " on batch " + batch
                + "; resume from the last checkpoint with a lower peakLearningRate, or check those labels for NaN/inf");
        this.step = step;
    }

    public int step() {
        return step;
    }
}
