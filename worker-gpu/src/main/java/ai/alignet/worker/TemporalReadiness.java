package ai.alignet.worker;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only while the Temporal frontend answers: one cheap {@code GetSystemInfo} call with a short
 * deadline, so the probe reflects the connection now and never hangs the probe's timeout.
 */
@Readiness
@ApplicationScoped
public class TemporalReadiness implements HealthCheck {

    private final WorkerLifecycle lifecycle;

    TemporalReadiness(WorkerLifecycle lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public HealthCheckResponse call() {
        return check(lifecycle.temporalService());
    }

    static HealthCheckResponse check(WorkflowServiceStubs service) {
        if (service == null) {
            return HealthCheckResponse.named("temporal").down().withData("reason", "not connected yet").build();
        }
        try {
            service.blockingStub().withDeadlineAfter(2, TimeUnit.SECONDS).getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
            return HealthCheckResponse.named("temporal").up().withData("target", service.getOptions().getTarget()).build();
        } catch (StatusRuntimeException e) {
            return HealthCheckResponse.named("temporal").down().withData("target", service.getOptions().getTarget())
                    .withData("reason", e.getStatus().getCode().toString()).build();
        }
    }
}
