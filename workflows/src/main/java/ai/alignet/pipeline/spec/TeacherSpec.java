package ai.alignet.pipeline.spec;

/** The surrogate teacher: which backbone, and the gLocal transform's loss weights and optimiser. */
public record TeacherSpec(
        String backbone, double alpha, double lambda, double tauLocal, double learningRate, int maxEpochs) {}
