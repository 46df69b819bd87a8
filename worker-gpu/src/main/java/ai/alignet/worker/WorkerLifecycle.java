package ai.alignet.worker;

import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.storage.StoreConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Starts polling when the pod starts and drains on SIGTERM: Quarkus turns the signal into a shutdown
 * event, polling stops and in-flight activities get the grace period to finish or checkpoint.
 */
@ApplicationScoped
public class WorkerLifecycle {

    private static final Logger LOG = Logger.getLogger(WorkerLifecycle.class);

    private final WorkerConfig config;
    private volatile ComputeEngine engine;
    private volatile TemporalConnection connection;
    private volatile PipelineWorkers workers;

    WorkerLifecycle(WorkerConfig config) {
        this.config = config;
    }

    void onStart(@Observes StartupEvent event) {
        // Engine first: a pod whose natives or GPU are broken must not take an activity it cannot run.
        engine = ComputeEngine.load();
        LOG.infof("event=engine_loaded engine=%s version=%s gpus=%d device=%s", engine.name(), engine.version(),
                engine.gpus(), engine.defaultDevice());
        String problem = engine.problemFor(config.requireGpu());
        if (problem != null) {
            // Stay up but unready: the pod shows the reason in its readiness data instead of crash-looping.
            LOG.errorf("event=engine_unusable reason=%s", problem);
            return;
        }
        connection = TemporalConnection.open(TemporalSettings.fromEnvironment(System.getenv()));
        S3ArtifactStore store = new S3ArtifactStore(StoreConfig.fromEnvironment(System.getenv()));
        store.ensureBucket();
        workers = PipelineWorkers.start(connection.client(), store, config.queues(), config.gpuSlots());
        LOG.infof("event=worker_ready queues=%s gpuSlots=%d", config.queues(), config.gpuSlots());
    }

    void onStop(@Observes ShutdownEvent event) {
        LOG.info("event=worker_draining");
        if (workers != null) {
            workers.close();
        }
        if (connection != null) {
            connection.close();
        }
    }

    boolean polling() {
        return workers != null;
    }

    ComputeEngine engine() {
        return engine;
    }

    io.temporal.serviceclient.WorkflowServiceStubs temporalService() {
        TemporalConnection c = connection;
        return c == null ? null : c.client().getWorkflowServiceStubs();
    }
}
