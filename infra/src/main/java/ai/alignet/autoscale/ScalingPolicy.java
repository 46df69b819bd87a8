package ai.alignet.autoscale;

import ai.alignet.autoscale.ScalingDecision.Reason;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Decides how many GPU pods one pool should run. Pure: no I/O and no clock of its own — the caller
 * passes the time, so cooldowns are tested without sleeping. One instance per pool, because it
 * remembers when the pool became idle and its recent recommendations.
 *
 * <p>Rules, in order:
 * <ol>
 *   <li>Pods needed = ceil((backlog + running activities) / slots per pod), never fewer than the busy
 *       pods, clamped to [min, max] — except that busy pods are kept even above max.</li>
 *   <li>More pods needed than there are: scale up at once (GPU work waiting is the expensive case).</li>
 *   <li>Fewer needed while any pod runs an activity: hold. A Deployment scale-down lets the ReplicaSet
 *       pick which pods die, and it cannot tell a busy GPU from an idle one; the autoscaler's RBAC
 *       (get/patch deployments/scale, read pods) deliberately cannot mark pods either. So it shrinks
 *       only when no pod is busy, which is the only moment any choice is safe.</li>
 *   <li>Nothing waiting and nothing running: go to min once idle for the whole cooldown.</li>
 *   <li>Otherwise scale down to the highest recommendation of the scale-down window, so a backlog
 *       that comes and goes does not make pods come and go.</li>
 * </ol>
 */
public final class ScalingPolicy {

    private record Recommendation(Instant at, int replicas) {}

    private final PoolConfig config;
    private final Deque<Recommendation> recent = new ArrayDeque<>();
    private Instant idleSince;

    public ScalingPolicy(PoolConfig config) {
        this.config = config;
    }

    public PoolConfig config() {
        return config;
    }

    public ScalingDecision decide(PoolObservation seen, Instant now) {
        int current = seen.replicas();
        long work = seen.backlog() + seen.runningActivities();
        long byWork = (work + config.slotsPerPod() - 1) / config.slotsPerPod();
        int target = (int) Math.max(config.min(), Math.min(config.max(), Math.max(byWork, seen.busyPods())));
        target = Math.max(target, seen.busyPods());

        if (seen.idle()) {
            if (idleSince == null) {
                idleSince = now;
            }
        } else {
            idleSince = null;
        }
        remember(now, target);

        if (target > current) {
            return new ScalingDecision(current, target, Reason.SCALE_UP, "backlog=" + seen.backlog() + " running="
                    + seen.runningActivities() + " busyPods=" + seen.busyPods() + " need " + target + " (max " + config.max() + ")");
        }
        if (target == current) {
            return new ScalingDecision(current, current, Reason.STEADY, "backlog=" + seen.backlog() + " busyPods=" + seen.busyPods());
        }
        if (seen.busyPods() > 0 || seen.runningActivities() > 0) {
            return new ScalingDecision(current, current, Reason.HOLD_BUSY, seen.busyPods() + " busy pod(s), "
                    + seen.runningActivities() + " running activit(ies): scaling down only once no pod is busy");
        }
        if (seen.idle()) {
            Duration idleFor = Duration.between(idleSince, now);
            if (idleFor.compareTo(config.idleCooldown()) < 0) {
                return new ScalingDecision(current, current, Reason.HOLD_STABILISING, "idle for " + idleFor.toSeconds()
                        + "s of the " + config.idleCooldown().toSeconds() + "s cooldown");
            }
            return new ScalingDecision(current, target, Reason.IDLE_TO_MIN, "idle for " + idleFor.toSeconds() + "s");
        }
        int stabilised = recent.stream().mapToInt(Recommendation::replicas).max().orElse(target);
        if (stabilised >= current) {
            return new ScalingDecision(current, current, Reason.HOLD_STABILISING, "need " + target + " but needed "
                    + stabilised + " within the last " + config.scaleDownWindow().toSeconds() + "s");
        }
        return new ScalingDecision(current, stabilised, Reason.SCALE_DOWN, "backlog=" + seen.backlog()
                + " need " + stabilised + " over the last " + config.scaleDownWindow().toSeconds() + "s");
    }

    private void remember(Instant now, int target) {
        recent.addLast(new Recommendation(now, target));
        Instant oldest = now.minus(config.scaleDownWindow());
        while (!recent.isEmpty() && recent.peekFirst().at().isBefore(oldest)) {
            recent.removeFirst();
        }
    }
}
