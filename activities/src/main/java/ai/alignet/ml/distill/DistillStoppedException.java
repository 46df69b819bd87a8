package ai.alignet.ml.distill;

/** The run stopped early on request, after saving a checkpoint at {@link #step()}; resuming from it loses nothing. */
public final class DistillStoppedException extends RuntimeException {

    private final int step;

    public DistillStoppedException(int step) {
        this(step, "distillation stopped on request after step " + step + " with a checkpoint saved there; a retry"
                + " resumes from it");
    }

    private DistillStoppedException(int step, String message) {
        super(message);
        this.step = step;
    }

    /** Stopped before the first step: nothing to save, nothing lost. */
    public static DistillStoppedException beforeStart() {
        return new DistillStoppedException(0, "distillation not started: this worker is stopping; a retry runs it"
                + " elsewhere");
    }

    public int step() {
        return step;
    }
}
