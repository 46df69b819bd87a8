package ai.alignet.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.testing.TemporalDevServer;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readiness checks with real collaborators: the real PyTorch engine (CPU natives) and a real Temporal dev server. */
class ReadinessChecksTest {

    @TempDir
    Path dir;

    @Test
    void engineIsReadyOnceLoadedAndReportsItsDevice() {
        HealthCheckResponse before = EngineReadiness.check(null, false);
        HealthCheckResponse loaded = EngineReadiness.check(ComputeEngine.load(), false);

        assertThat(before.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(loaded.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(loaded.getData().orElseThrow()).containsEntry("engine", "PyTorch 2.5.1").containsKey("device");
    }

    @Test
    void aGpuImageWithoutAVisibleGpuStaysUnreadyAndSaysWhy() {
        ComputeEngine cpuOnly = ComputeEngine.load();
        assertThat(cpuOnly.gpus()).as("this test runs on CPU natives").isZero();

        HealthCheckResponse response = EngineReadiness.check(cpuOnly, true);

        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat((String) response.getData().orElseThrow().get("reason")).contains("no GPU visible").contains("nvidia.com/gpu");
    }

    @Test
    void temporalIsReadyOnlyWhileTheFrontendAnswers() {
        assertThat(TemporalReadiness.check(null).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        WorkflowServiceStubs stubs;
        try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"))) {
            stubs = WorkflowServiceStubs.newServiceStubs(
                    WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
            assertThat(TemporalReadiness.check(stubs).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        }
        try {
            HealthCheckResponse gone = TemporalReadiness.check(stubs);
            assertThat(gone.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
            assertThat(gone.getData().orElseThrow()).containsKey("reason");
        } finally {
            stubs.shutdownNow();
        }
    }
}
