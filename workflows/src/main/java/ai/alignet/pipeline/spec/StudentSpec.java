package ai.alignet.pipeline.spec;

/** One student to distil: its backbone and the training recipe of DESIGN.md §3. */
public record StudentSpec(
        String name,
        String backbone,
        int steps,
        int batchSize,
        double learningRate,
        double warmupFraction,
        String loss,
        double tau,
        double decayToInit,
        int headDim,
        int checkpointEvery) {}
