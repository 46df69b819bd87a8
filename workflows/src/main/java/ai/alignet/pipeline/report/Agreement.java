package ai.alignet.pipeline.report;

import java.util.Map;

/** Odd-one-out agreement with people by abstraction level (coarse / fine / boundary), as fractions. */
public record Agreement(Map<String, Double> baseline, Map<String, Double> aligned) {}
