package ai.alignet.pipeline.spec;

/** Evaluation settings: bootstrap resamples for confidence intervals and the probe's L2 strength. */
public record EvaluationSpec(int bootstrapSamples, double probeL2, int probeIterations) {}
