package ai.alignet.worker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The activities record the pipeline's own metrics (images embedded, distillation steps and loss,
 * checkpoint age, stage compute time) on Micrometer's global registry; this puts the worker's
 * Prometheus registry under it, so they appear on {@code /q/metrics} beside the JVM's.
 */
@ApplicationScoped
public class PipelineMetricsExport {

    void onStart(@Observes StartupEvent event, MeterRegistry registry) {
        if (registry != Metrics.globalRegistry) {
            Metrics.addRegistry(registry);
        }
    }
}
