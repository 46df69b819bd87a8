package ai.alignet.cli;

import ai.alignet.pipeline.TaskQueues;
import ai.alignet.service.SearchAttributeRegistration;
import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alignet worker}: polls task queues on TEMPORAL_ADDRESS, with artifacts on S3_ENDPOINT. */
@Command(name = "worker", description = "Run a worker process for the given task queues until stopped.")
public class WorkerCommand implements Callable<Integer> {

    @Option(names = "--queues", split = ",", description = "Task queues to poll (default: all of "
            + "alignet-control,alignet-cpu,alignet-gpu).")
    List<String> queues;

    @Option(names = "--gpu-slots", defaultValue = "1", description = "GPU activities run at once (default: ${DEFAULT-VALUE}).")
    int gpuSlots;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            List<String> polled = queues == null || queues.isEmpty() ? TaskQueues.ALL : queues;
            for (String q : polled) {
                if (!TaskQueues.ALL.contains(q)) {
                    throw new UserError("unknown queue '" + q + "' in --queues; valid: " + String.join(",", TaskQueues.ALL));
                }
            }
            CountDownLatch stopped = new CountDownLatch(1);
            // Runs upsert search attributes; make sure this server knows them (no-op when registered).
            SearchAttributeRegistration.tryEnsure(Environment.temporal().address(), Environment.temporal().namespace());
            try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal());
                    PipelineWorkers workers = PipelineWorkers.start(temporal.client(), Environment.store(), polled, gpuSlots)) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                System.err.println("worker polling " + String.join(",", workers.queues()) + " on "
                        + Environment.temporal().address());
                stopped.await();
            }
            return 0;
        });
    }
}
