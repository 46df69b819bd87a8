package ai.alignet.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once connected to Temporal and the store, and polling its task queues. */
@Readiness
@ApplicationScoped
public class PollingReadiness implements HealthCheck {

    private final WorkerLifecycle lifecycle;

    PollingReadiness(WorkerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("task-queue-polling").status(lifecycle.polling()).build();
    }
}
