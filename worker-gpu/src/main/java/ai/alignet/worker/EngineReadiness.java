package ai.alignet.worker;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the PyTorch engine loaded (and, where required, found a GPU). */
@Readiness
@ApplicationScoped
public class EngineReadiness implements HealthCheck {

    private final WorkerLifecycle lifecycle;
    private final WorkerConfig config;

    EngineReadiness(WorkerLifecycle lifecycle, WorkerConfig config) {
        this.lifecycle = lifecycle;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        return check(lifecycle.engine(), config.requireGpu());
    }

    static HealthCheckResponse check(ComputeEngine engine, boolean gpuRequired) {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("compute-engine");
        if (engine == null) {
            return response.down().withData("reason", "engine not loaded yet").build();
        }
        String problem = engine.problemFor(gpuRequired);
        response.withData("engine", engine.name() + " " + engine.version()).withData("gpus", engine.gpus())
                .withData("device", String.valueOf(engine.defaultDevice()));
        return problem == null ? response.up().build() : response.down().withData("reason", problem).build();
    }
}
