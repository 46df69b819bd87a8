package ai.alignet.pipeline.stages;

/** Whether a unit of work was served from the store, and how long its compute took on the worker. */
public record StageTiming(boolean cached, double seconds) {}
