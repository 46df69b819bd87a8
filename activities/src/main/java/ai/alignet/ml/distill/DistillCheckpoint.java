package ai.alignet.ml.distill;

import java.util.List;

/**
 * Everything needed to continue a distillation bit-identically: the number of finished steps, the
 * student's parameters (DJL parameter format), the optimiser state, the data-order seed (data order is a
 * pure function of it and the step) and the losses so far.
 */
public record DistillCheckpoint(int step, byte[] modelParams, byte[] optimizerState, long rngState,
        List<Double> lossHistory) {

    public DistillCheckpoint {
        if (step < 0) {
            throw new IllegalArgumentException("checkpoint step must be >= 0, got " + step);
        }
        modelParams = modelParams.clone();
        optimizerState = optimizerState.clone();
        lossHistory = List.copyOf(lossHistory);
    }

    @Override
    public byte[] modelParams() {
        return modelParams.clone();
    }

    @Override
    public byte[] optimizerState() {
        return optimizerState.clone();
    }
}
