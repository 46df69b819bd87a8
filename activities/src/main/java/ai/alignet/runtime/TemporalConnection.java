package ai.alignet.runtime;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.ScopeCloseException;
import io.micrometer.core.instrument.Metrics;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.reporter.MicrometerClientStatsReporter;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One gRPC connection to Temporal and the workflow client on it; the project's single client bootstrap. */
public final class TemporalConnection implements AutoCloseable {

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final Scope metrics;

    private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client, Scope metrics) {
        this.service = service;
        this.client = client;
        this.metrics = metrics;
    }

    /** Connects; payloads are encrypted when {@code ALIGNET_PAYLOAD_KEY} is set ({@link AesGcmPayloadCodec}). */
    public static TemporalConnection open(TemporalSettings settings) {
        return open(settings, AesGcmPayloadCodec.fromEnvironment(System.getenv()));
    }

    public static TemporalConnection open(TemporalSettings settings, Optional<? extends PayloadCodec> codec) {
        // The SDK's client and worker metrics (polls, task latencies, slots) go to Micrometer's global
        // registry beside the pipeline's own (PipelineMetrics); a worker process exports both.
        Scope metrics = new RootScopeBuilder()
                .reporter(new MicrometerClientStatsReporter(Metrics.globalRegistry))
                .reportEvery(com.uber.m3.util.Duration.ofSeconds(10));
        WorkflowServiceStubs service = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address()).setMetricsScope(metrics).build(),
                Duration.ofSeconds(15));
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(settings.namespace());
        // true: failure messages and stack traces are sealed too (they can quote spec values).
        codec.ifPresent(c -> options.setDataConverter(
                new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(c), true)));
        WorkflowClient client = WorkflowClient.newInstance(service, options.build());
        return new TemporalConnection(service, client, metrics);
    }

    public WorkflowClient client() {
        return client;
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        try {
            metrics.close();
        } catch (ScopeCloseException e) {
            // metrics are best effort; a failed flush must not fail the shutdown
        }
    }
}
