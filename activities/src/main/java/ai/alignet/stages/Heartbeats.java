package ai.alignet.stages;

import io.temporal.activity.Activity;
import io.temporal.client.ActivityCompletionException;
import io.temporal.client.ActivityWorkerShutdownException;

/**
 * Heartbeats with a small progress record. Outside an activity (plain tests of the stage code) there
 * is no execution context, and a heartbeat is simply skipped.
 */
final class Heartbeats {

    /** What a heartbeat carries: the stage and how many units of it are done. */
    record Beat(String stage, int done) {}

    private Heartbeats() {}

    static void beat(String stage, int done) {
        try {
            Activity.getExecutionContext().heartbeat(new Beat(stage, done));
        } catch (ActivityWorkerShutdownException draining) {
            // This worker is draining: the activity finds out through its PreemptionSignal, checkpoints
            // and gives the attempt up as Preempted; failing here would spend an error attempt instead.
        } catch (ActivityCompletionException e) {
            // The server says this attempt is over (cancelled or timed out): stop working on it.
            throw e;
        } catch (IllegalStateException | NullPointerException notInActivity) {
            // called outside an activity
        }
    }
}
