package ai.alignet.service;

import ai.alignet.runtime.TemporalSettings;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * The control plane's one connection to Temporal, opened on first use (so CLI commands that never
 * touch it never connect). The SDK's own metrics (requests, latencies, long polls) go to the same
 * Micrometer registry as ours, so /q/metrics shows both.
 */
@ApplicationScoped
public class TemporalAccess {

    @Inject
    MeterRegistry registry;

    private WorkflowServiceStubs service;
    private WorkflowClient client;
    private Scope metrics;
    private TemporalSettings settings;

    public synchronized WorkflowClient client() {
        if (client == null) {
            settings = ControlPlaneSettings.temporal();
            metrics = new RootScopeBuilder()
                    .reporter(new MicrometerClientStatsReporter(registry))
                    .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
            service = WorkflowServiceStubs.newConnectedServiceStubs(WorkflowServiceStubsOptions.newBuilder()
                    .setTarget(settings.address())
                    .setMetricsScope(metrics)
                    .build(), Duration.ofSeconds(15));
            client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
                    .setNamespace(settings.namespace())
                    .build());
            SearchAttributeRegistration.tryEnsure(settings.address(), settings.namespace());
        }
        return client;
    }

    public synchronized WorkflowServiceStubs service() {
        client();
        return service;
    }

    public synchronized String namespace() {
        client();
        return settings.namespace();
    }

    @PreDestroy
    synchronized void close() {
        if (service != null) {
            service.shutdown();
            try {
                metrics.close();
            } catch (com.uber.m3.tally.ScopeCloseException e) {
                // Shutting down: the last metrics flush is best effort.
            }
        }
    }
}
