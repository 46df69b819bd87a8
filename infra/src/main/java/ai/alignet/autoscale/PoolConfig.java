package ai.alignet.autoscale;

import java.time.Duration;

/**
 * One GPU pool: the task queue its workers poll and the Deployment that runs them, with its scaling
 * knobs. Several pools (for example {@code alignet-gpu-a100} and {@code alignet-gpu-h100}) each get
 * their own config and their own {@link ScalingPolicy}.
 *
 * @param slotsPerPod GPU activities one pod runs at once (the worker's {@code alignet.worker.gpu-slots})
 * @param idleCooldown how long the queue must be empty with no activity running before scaling to {@code min}
 * @param scaleDownWindow scale-down follows the highest recommendation seen in this window, so a
 *     backlog that comes and goes does not make pods come and go
 */
public record PoolConfig(
        String taskQueue,
        String namespace,
        String deployment,
        int min,
        int max,
        int slotsPerPod,
        Duration idleCooldown,
        Duration scaleDownWindow) {

    public static final Duration DEFAULT_IDLE_COOLDOWN = Duration.ofMinutes(10);
    public static final Duration DEFAULT_SCALE_DOWN_WINDOW = Duration.ofMinutes(5);

    public PoolConfig {
        require(taskQueue != null && !taskQueue.isBlank(), "taskQueue must not be blank (for example alignet-gpu)");
        require(namespace != null && !namespace.isBlank(), "namespace must not be blank (for example alignet)");
        require(deployment != null && !deployment.isBlank(), "deployment must not be blank (for example worker-gpu)");
        require(min >= 0, "min replicas must be >= 0, got " + min);
        require(max >= 1 && max >= min, "max replicas must be >= 1 and >= min (" + min + "), got " + max);
        require(slotsPerPod >= 1, "slotsPerPod must be >= 1, got " + slotsPerPod);
        require(idleCooldown != null && !idleCooldown.isNegative(), "idleCooldown must be >= 0");
        require(scaleDownWindow != null && !scaleDownWindow.isNegative(), "scaleDownWindow must be >= 0");
    }

    /** A pool with the default slots (1), cooldown and window. */
    public static PoolConfig of(String taskQueue, String namespace, String deployment, int min, int max) {
        return new PoolConfig(taskQueue, namespace, deployment, min, max, 1, DEFAULT_IDLE_COOLDOWN, DEFAULT_SCALE_DOWN_WINDOW);
    }

    public PoolConfig withTiming(Duration idleCooldown, Duration scaleDownWindow) {
        return new PoolConfig(taskQueue, namespace, deployment, min, max, slotsPerPod, idleCooldown, scaleDownWindow);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("autoscaler pool config: " + message);
        }
    }
}
