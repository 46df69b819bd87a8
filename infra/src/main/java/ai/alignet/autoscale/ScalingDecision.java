package ai.alignet.autoscale;

/** The replica count a pool should have now, and why, in words an operator can act on. */
public record ScalingDecision(int current, int desired, Reason reason, String detail) {

    /** Stable names for logs and metric tags. */
    public enum Reason {
        /** Backlog or running work needs more pods than there are: scale up at once. */
        SCALE_UP,
        /** Less work than pods, stabilised over the scale-down window. */
        SCALE_DOWN,
        /** Idle for the whole cooldown: down to the pool's minimum. */
        IDLE_TO_MIN,
        /** Fewer pods would do, but the cooldown or the stabilisation window has not passed. */
        HOLD_STABILISING,
        /** Fewer pods would do, but a pod is running an activity and the Deployment would pick its victim blindly. */
        HOLD_BUSY,
        /** Already right. */
        STEADY
    }

    public boolean changes() {
        return desired != current;
    }
}
