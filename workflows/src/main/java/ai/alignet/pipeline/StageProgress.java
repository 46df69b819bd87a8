package ai.alignet.pipeline;

/**
 * One stage as the {@code progress} query shows it: status is pending, running, done or failed;
 * done/total count the stage's units of work (shards, students).
 */
public record StageProgress(String name, String status, int done, int total, boolean cached, double seconds) {

    StageProgress start(int units) {
        return new StageProgress(name, "running", 0, units, cached, seconds);
    }

    StageProgress advance(boolean unitCached) {
        boolean allCached = (done == 0 ? unitCached : cached && unitCached);
        return new StageProgress(name, status, done + 1, total, allCached, seconds);
    }

    StageProgress finish(double elapsedSeconds) {
        return new StageProgress(name, "done", total, total, cached, elapsedSeconds);
    }

    StageProgress fail(double elapsedSeconds) {
        return new StageProgress(name, "failed", done, total, cached, elapsedSeconds);
    }
}
