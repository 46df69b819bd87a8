package ai.alignet.pipeline;

import java.util.Map;

/**
 * The code version of each stage, part of every cache key. Bump a stage's number when a change to its
 * code changes its outputs: that invalidates its cached results and those of every later stage.
 */
public final class StageVersions {

    public static final Map<String, Integer> VERSIONS = Map.of(
            "prepare", 2, // 2: Levels CSV carries the simulated reaction times
            "embed", 1,
            "teacher", 2, // 2: similarities summed in RowDots' eight stripes (logits, temperature, accuracy)
            "cluster", 1,
            "label", 2, // 2: label logits summed in RowDots' eight stripes
            "import", 1,
            "distill", 1,
            "evaluate", 3, // 2: few-shot, reaction-time and adversarially filtered probe metrics; 3: RowDots' stripes
            "report", 1);

    private StageVersions() {}

    public static int of(String stage) {
        Integer v = VERSIONS.get(stage);
        if (v == null) {
            throw new IllegalArgumentException("no code version for stage '" + stage + "'");
        }
        return v;
    }
}
