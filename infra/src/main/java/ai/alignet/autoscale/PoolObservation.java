package ai.alignet.autoscale;

/**
 * What the autoscaler saw for one pool at one moment.
 *
 * @param backlog activities waiting on the task queue, not yet picked up by any worker
 * @param runningActivities activities a worker of this pool has started and not finished
 * @param busyPods pods of the Deployment that run at least one activity
 * @param replicas the Deployment's current desired replica count ({@code spec.replicas})
 */
public record PoolObservation(long backlog, int runningActivities, int busyPods, int replicas) {

    public PoolObservation {
        if (backlog < 0 || runningActivities < 0 || busyPods < 0 || replicas < 0) {
            throw new IllegalArgumentException("observation counts must be >= 0: backlog=" + backlog + " running="
                    + runningActivities + " busyPods=" + busyPods + " replicas=" + replicas);
        }
    }

    boolean idle() {
        return backlog == 0 && runningActivities == 0 && busyPods == 0;
    }
}
