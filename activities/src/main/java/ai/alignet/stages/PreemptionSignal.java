package ai.alignet.stages;

/**
 * Raised once when the worker process is told to go away (SIGTERM on a preemptible node). Long
 * activities check it between units of work, checkpoint and give the attempt up as {@code Preempted}.
 */
public final class PreemptionSignal {

    private volatile boolean raised;

    public void raise() {
        raised = true;
    }

    public boolean raised() {
        return raised;
    }
}
