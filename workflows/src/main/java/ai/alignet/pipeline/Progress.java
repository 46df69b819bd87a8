package ai.alignet.pipeline;

import java.util.List;

/** The answer to the {@code progress} query: the current stage and every stage's state. */
public record Progress(String runStatus, String currentStage, int done, int total, List<StageProgress> stages) {}
