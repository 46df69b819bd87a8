package ai.alignet.pipeline.stages;

/** Odd-one-out agreement with people on one triplet type, with a 95% bootstrap interval. */
public record LevelScore(int n, double accuracy, double ciLow, double ciHigh) {}
