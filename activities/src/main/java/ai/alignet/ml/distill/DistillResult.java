package ai.alignet.ml.distill;

import java.util.List;

/** How a distillation ended: steps done, the loss of every step, and the last step's loss. */
public record DistillResult(int steps, List<Double> lossHistory, double finalLoss) {

    public DistillResult {
        lossHistory = List.copyOf(lossHistory);
    }
}
