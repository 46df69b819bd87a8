package ai.alignet.ml.distill;

/** The run stopped early on request, after saving a checkpoint at {@link #step()}; resuming from it loses nothing. */
public final class DistillStoppedException extends RuntimeException {

    private final int step;

    public DistillStoppedException(int step) {
        super("distillation stopped on request after step " + step + " with a checkpoint saved there; a retry resumes"
                + " from it");
        this.step = step;
    }

    public int step() {
        return step;
    }
}
