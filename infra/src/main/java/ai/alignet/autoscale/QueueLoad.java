package ai.alignet.autoscale;

import java.util.Map;
import java.util.Set;

/**
 * Work on one task queue: activities waiting, and started activities per worker host (the part of
 * the Temporal worker identity after '@', which is the pod name in Kubernetes).
 */
public record QueueLoad(long backlog, Map<String, Integer> runningByHost) {

    public QueueLoad {
        runningByHost = Map.copyOf(runningByHost);
    }

    public int running() {
        return runningByHost.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many of the given pods run at least one activity. */
    public int busyAmong(Set<String> pods) {
        return (int) runningByHost.keySet().stream().filter(pods::contains).count();
    }
}
