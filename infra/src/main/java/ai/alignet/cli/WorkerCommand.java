package ai.alignet.cli;

import ai.alignet.pipeline.TaskQueues;
import ai.alignet.service.SearchAttributeRegistration;
import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

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
                Duration grace = drainGrace(Environment.variables());
                // SIGTERM (a node drain, a spot reclaim) and Ctrl-C are handled here rather than in a shutdown
                // hook: by the time hooks run, Quarkus is already tearing down logging and the application.
                // The drain stops polling, lets in-flight distillations checkpoint and fail their attempts as
                // Preempted, then releases main, which exits normally.
                AtomicBoolean draining = new AtomicBoolean();
                Runnable drain = () -> {
                    if (draining.compareAndSet(false, true)) {
                        workers.drain(grace);
                        stopped.countDown();
                    }
                };
                for (String name : List.of("TERM", "INT")) {
                    Signal.handle(new Signal(name), signal -> new Thread(drain, "alignet-drain").start());
                }
                System.err.println("worker polling " + String.join(",", workers.queues()) + " on "
                        + Environment.temporal().address());
                stopped.await();
            }
            return 0;
        });
    }

    /** ALIGNET_DRAIN_SECONDS: how long a SIGTERM'd worker may take to checkpoint and hand its work back. */
    static Duration drainGrace(Map<String, String> env) {
        String value = env.getOrDefault("ALIGNET_DRAIN_SECONDS", "30");
        try {
            long seconds = Long.parseLong(value.trim());
            if (seconds >= 1 && seconds <= 3600) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UserError("ALIGNET_DRAIN_SECONDS must be a whole number of seconds from 1 to 3600 (keep it below the"
                + " pod's terminationGracePeriodSeconds), got '" + value + "'");
    }
}
