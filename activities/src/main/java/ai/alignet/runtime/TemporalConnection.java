package ai.alignet.runtime;

import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;
import java.util.Optional;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;

/** One gRPC connection to Temporal and the workflow client on it; the project's single client bootstrap. */
public final class TemporalConnection implements AutoCloseable {

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;

    private TemporalConnection(WorkflowServiceStubs service, WorkflowClient client) {
        this.service = service;
        this.client = client;
    }

    /** Connects; payloads are encrypted when {@code ALIGNET_PAYLOAD_KEY} is set ({@link AesGcmPayloadCodec}). */
    public static TemporalConnection open(TemporalSettings settings) {
        return open(settings, AesGcmPayloadCodec.fromEnvironment(System.getenv()));
    }

    public static TemporalConnection open(TemporalSettings settings, Optional<? extends PayloadCodec> codec) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address()).build(), Duration.ofSeconds(15));
        WorkflowClientOptions.Builder options = WorkflowClientOptions.newBuilder().setNamespace(settings.namespace());
        // true: failure messages and stack traces are sealed too (they can quote spec values).
        codec.ifPresent(c -> options.setDataConverter(
                new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(c), true)));
        WorkflowClient client = WorkflowClient.newInstance(service, options.build());
        return new TemporalConnection(service, client);
    }

    public WorkflowClient client() {
        return client;
    }

    @Override
    public void close() {
        service.shutdown();
        service.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
    }
}
