package ai.alignet.pipeline;

import ai.alignet.pipeline.report.StageReport;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The workflow's record of where each stage stands: what the {@code progress} query returns and what
 * the report's {@code stages} list is built from. Times come from {@link Workflow#currentTimeMillis()}
 * so replays see the same values.
 */
final class StageBoard {

    static final List<String> STAGES = List.of("prepare", "embed", "teacher", "cluster", "label", "distill", "evaluate");
    /** A run that distils from released labels has no teacher stages; "import" brings the labels in. */
    static final List<String> RELEASED_LABEL_STAGES = List.of("prepare", "import", "distill", "evaluate");

    private final Map<String, StageProgress> stages = new LinkedHashMap<>();
    private final Map<String, Long> startedAt = new LinkedHashMap<>();
    private String current = "prepare";
    private String runStatus = "running";

    StageBoard() {
        this(STAGES);
    }

    StageBoard(List<String> names) {
        for (String name : names) {
            stages.put(name, new StageProgress(name, "pending", 0, 0, false, 0));
        }
    }

    void start(String stage, int units) {
        current = stage;
        startedAt.put(stage, Workflow.currentTimeMillis());
        stages.put(stage, stages.get(stage).start(units));
    }

    void unitDone(String stage, boolean cached) {
        stages.put(stage, stages.get(stage).advance(cached));
    }

    void finish(String stage) {
        stages.put(stage, stages.get(stage).finish(elapsed(stage)));
    }

    void fail(String stage) {
        stages.put(stage, stages.get(stage).fail(elapsed(stage)));
        runStatus = "failed";
    }

    void completed() {
        runStatus = "completed";
        current = "done";
    }

    Progress progress() {
        StageProgress now = stages.get(current);
        int done = now == null ? 0 : now.done();
        int total = now == null ? 0 : now.total();
        return new Progress(runStatus, current, done, total, new ArrayList<>(stages.values()));
    }

    List<StageReport> report() {
        List<StageReport> out = new ArrayList<>();
        for (StageProgress s : stages.values()) {
            out.add(new StageReport(s.name(), s.cached(), s.seconds()));
        }
        return out;
    }

    private double elapsed(String stage) {
        Long start = startedAt.get(stage);
        return start == null ? 0 : (Workflow.currentTimeMillis() - start) / 1000.0;
    }
}
