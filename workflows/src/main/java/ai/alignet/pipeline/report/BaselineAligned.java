package ai.alignet.pipeline.report;

public record BaselineAligned(double baseline, double aligned) {}
