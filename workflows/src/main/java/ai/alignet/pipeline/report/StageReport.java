package ai.alignet.pipeline.report;

/** A stage as the report shows it: whether every unit came from the cache, and its wall time. */
public record StageReport(String name, boolean cached, double seconds) {}
