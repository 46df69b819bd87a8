package ai.alignet.runtime;

import ai.alignet.pipeline.AlignmentPipelineImpl;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.stages.DistillActivitiesImpl;
import ai.alignet.stages.EmbedActivitiesImpl;
import ai.alignet.stages.EvaluateActivitiesImpl;
import ai.alignet.stages.LabelActivitiesImpl;
import ai.alignet.stages.ImportActivitiesImpl;
import ai.alignet.stages.PrepareActivitiesImpl;
import ai.alignet.stages.PreemptionSignal;
import ai.alignet.stages.TeacherActivitiesImpl;
import ai.alignet.storage.ArtifactStore;
import io.temporal.client.WorkflowClient;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the given task queues and runs what arrives: the pipeline workflow on the control queue, CPU
 * and GPU activities on theirs. The demo runs all three in one process; production runs them as
 * separate pods (control + CPU workers, and GPU workers).
 */
public final class PipelineWorkers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineWorkers.class);

    private final WorkerFactory factory;
    private final List<String> queues;
    private final PreemptionSignal preemption;

    private PipelineWorkers(WorkerFactory factory, List<String> queues, PreemptionSignal preemption) {
        this.factory = factory;
        this.queues = queues;
        this.preemption = preemption;
    }

    /**
     * @param gpuSlots how many GPU activities one process runs at once: one per GPU it holds, so a pod
     *     never takes more GPU work than fits in its memory
     */
    public static PipelineWorkers start(WorkflowClient client, ArtifactStore store, Collection<String> queues, int gpuSlots) {
        for (String q : queues) {
            if (!TaskQueues.ALL.contains(q)) {
                throw new IllegalArgumentException("unknown task queue '" + q + "'; valid: " + String.join(",", TaskQueues.ALL));
            }
        }
        WorkerFactory factory = WorkerFactory.newInstance(client);
        PreemptionSignal preemption = new PreemptionSignal();
        if (queues.contains(TaskQueues.CONTROL)) {
            Worker control = factory.newWorker(TaskQueues.CONTROL);
            control.registerWorkflowImplementationTypes(AlignmentPipelineImpl.class);
        }
        if (queues.contains(TaskQueues.CPU)) {
            Worker cpu = factory.newWorker(TaskQueues.CPU, WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(2)
                    .build());
            cpu.registerActivitiesImplementations(
                    new PrepareActivitiesImpl(store), new LabelActivitiesImpl(store), new EvaluateActivitiesImpl(store),
                    new ImportActivitiesImpl(store));
        }
        if (queues.contains(TaskQueues.GPU)) {
            Worker gpu = factory.newWorker(TaskQueues.GPU, WorkerOptions.newBuilder()
                    .setMaxConcurrentActivityExecutionSize(Math.max(1, gpuSlots))
                    .build());
            gpu.registerActivitiesImplementations(new EmbedActivitiesImpl(store), new TeacherActivitiesImpl(store),
                    new DistillActivitiesImpl(store, preemption), new EvaluateActivitiesImpl(store));
        }
        factory.start();
        LOG.info("event=workers_started queues={} gpuSlots={}", queues, gpuSlots);
        return new PipelineWorkers(factory, List.copyOf(queues), preemption);
    }

    public List<String> queues() {
        return queues;
    }

    /**
     * The SIGTERM path: stops polling, tells in-flight distillations to checkpoint and give their
     * attempts up as {@code Preempted}, and waits up to {@code grace} for every in-flight task to end
     * and report. Returns whether all of them did; what is still running after that is abandoned (its
     * attempt times out on the server and is retried elsewhere from its newest checkpoint).
     */
    public boolean drain(Duration grace) {
        long started = System.nanoTime();
        LOG.info("event=drain_started graceSeconds={}", grace.toSeconds());
        preemption.raise();
        factory.shutdown();
        factory.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS);
        boolean finished = factory.isTerminated();
        factory.shutdownNow();
        LOG.info("event=drain_finished clean={} seconds={}", finished,
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return finished;
    }

    /** Stops polling and waits for in-flight work to finish (up to the grace period). */
    @Override
    public void close() {
        factory.shutdown();
        factory.awaitTermination(30, TimeUnit.SECONDS);
        factory.shutdownNow();
    }
}
