package ai.alignet.runtime;

import io.temporal.client.WorkflowClient;
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

    public static TemporalConnection open(TemporalSettings settings) {
        WorkflowServiceStubs service = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(settings.address()).build(), Duration.ofSeconds(15));
        WorkflowClient client = WorkflowClient.newInstance(
                service, WorkflowClientOptions.newBuilder().setNamespace(settings.namespace()).build());
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
