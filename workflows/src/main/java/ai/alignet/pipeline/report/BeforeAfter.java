package ai.alignet.pipeline.report;

public record BeforeAfter(double before, double after) {}
