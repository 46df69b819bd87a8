package ai.alignet.autoscale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * One pool's control loop step: observe Temporal and the Deployment, ask the {@link ScalingPolicy},
 * apply the answer. Each decision is one log line and updates the pool's meters
 * ({@code alignet.autoscaler.*}, tagged with the queue).
 */
public final class PoolAutoscaler {

    private static final Logger LOG = Logger.getLogger(PoolAutoscaler.class);

    private final ScalingPolicy policy;
    private final TemporalQueueProbe temporal;
    private final DeploymentScale deployment;
    private final Clock clock;
    private final MeterRegistry meters;
    private final Tags tags;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong busyPods = new AtomicLong();
    private final AtomicLong replicas = new AtomicLong();

    public PoolAutoscaler(PoolConfig config, TemporalQueueProbe temporal, DeploymentScale deployment, Clock clock,
            MeterRegistry meters) {
        this.policy = new ScalingPolicy(config);
        this.temporal = temporal;
        this.deployment = deployment;
        this.clock = clock;
        this.meters = meters;
        this.tags = Tags.of("queue", config.taskQueue(), "deployment", config.deployment());
        meters.gauge("alignet.autoscaler.backlog", tags, backlog);
        meters.gauge("alignet.autoscaler.busy.pods", tags, busyPods);
        meters.gauge("alignet.autoscaler.replicas", tags, replicas);
    }

    /** Observes once and scales if the policy says so; returns what it decided. */
    public ScalingDecision step() {
        QueueLoad load = temporal.load(policy.config().taskQueue());
        Set<String> pods = new HashSet<>(deployment.livePods());
        int current = deployment.replicas();
        PoolObservation seen = new PoolObservation(load.backlog(), load.running(), load.busyAmong(pods), current);
        ScalingDecision decision = policy.decide(seen, clock.instant());
        if (decision.changes()) {
            deployment.scaleTo(decision.desired());
        }
        backlog.set(seen.backlog());
        busyPods.set(seen.busyPods());
        replicas.set(decision.desired());
        Counter.builder("alignet.autoscaler.decisions").tags(tags).tag("reason", decision.reason().name())
                .register(meters).increment();
        LOG.infof("event=autoscale queue=%s deployment=%s replicas=%d desired=%d reason=%s %s",
                policy.config().taskQueue(), deployment.name(), decision.current(), decision.desired(), decision.reason(),
                decision.detail());
        return decision;
    }

    public PoolConfig config() {
        return policy.config();
    }
}
