package ai.alignet.autoscale;

import ai.alignet.runtime.TemporalSettings;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alignet autoscaler}: scales GPU worker Deployments from their Temporal task-queue load until
 * stopped. Kubernetes credentials come from the pod's ServiceAccount (or ~/.kube/config outside a
 * cluster); Temporal from TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE.
 */
@Command(name = "autoscaler", description = "Scale GPU worker Deployments between min and max from the Temporal "
        + "backlog; to zero when idle; never below the pods running an activity.")
public class AutoscalerCommand implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(AutoscalerCommand.class);

    @Option(names = "--namespace", required = true, description = "Kubernetes namespace of the GPU worker Deployments.")
    String namespace;

    @Option(names = "--pool", required = true, description = "queue=deployment[:min:max], repeatable; pods are those "
            + "labelled app.kubernetes.io/name=<deployment>. Example: alignet-gpu-h100=worker-gpu-h100:0:8")
    List<String> pools;

    @Option(names = "--min", defaultValue = "0", description = "Default minimum replicas (default: ${DEFAULT-VALUE}).")
    int min;

    @Option(names = "--max", defaultValue = "4", description = "Default maximum replicas (default: ${DEFAULT-VALUE}).")
    int max;

    @Option(names = "--slots-per-pod", defaultValue = "1", description = "GPU activities one pod runs at once; match "
            + "the worker's ALIGNET_WORKER_GPU_SLOTS (default: ${DEFAULT-VALUE}).")
    int slotsPerPod;

    @Option(names = "--idle-cooldown", defaultValue = "PT10M", description = "Idle this long before scaling to min "
            + "(ISO-8601, default: ${DEFAULT-VALUE}).")
    Duration idleCooldown;

    @Option(names = "--scale-down-window", defaultValue = "PT5M", description = "Scale down to the highest need seen "
            + "in this window (default: ${DEFAULT-VALUE}).")
    Duration scaleDownWindow;

    @Option(names = "--interval", defaultValue = "PT15S", description = "Time between observations (default: ${DEFAULT-VALUE}).")
    Duration interval;

    @Option(names = "--metrics-port", defaultValue = "9102", description = "Port of GET /metrics (Prometheus text); "
            + "0 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Override
    public Integer call() throws Exception {
        List<PoolConfig> configs = new ArrayList<>();
        TemporalSettings temporal;
        try {
            temporal = TemporalSettings.fromEnvironment(System.getenv());
            for (String text : pools) {
                PoolSpec p = PoolSpec.parse(text);
                configs.add(new PoolConfig(p.taskQueue(), namespace, p.deployment(), p.min() == null ? min : p.min(),
                        p.max() == null ? max : p.max(), slotsPerPod, idleCooldown, scaleDownWindow));
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        }
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
        ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor();
        HttpServer metrics = metricsPort > 0 ? serveMetrics(meters) : null;
        CountDownLatch stopped = new CountDownLatch(1);
        try (KubernetesClient kubernetes = new KubernetesClientBuilder().build()) {
            List<PoolAutoscaler> autoscalers = new ArrayList<>();
            for (PoolConfig config : configs) {
                autoscalers.add(new PoolAutoscaler(config, new TemporalQueueProbe(service, temporal.namespace()),
                        new DeploymentScale(kubernetes, namespace, config.deployment(),
                                Map.of("app.kubernetes.io/name", config.deployment())),
                        Clock.systemUTC(), meters));
            }
            loop.scheduleWithFixedDelay(() -> autoscalers.forEach(AutoscalerCommand::stepSafely), 0, interval.toMillis(),
                    TimeUnit.MILLISECONDS);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            LOG.infof("event=autoscaler_started namespace=%s pools=%s interval=%s", namespace, configs.stream()
                    .map(c -> c.taskQueue() + "=" + c.deployment() + ":" + c.min() + ":" + c.max()).toList(), interval);
            stopped.await();
        } finally {
            loop.shutdownNow();
            if (metrics != null) {
                metrics.stop(0);
            }
            service.shutdownNow();
        }
        return 0;
    }

    /** A failed observation (Temporal or the API server briefly away) skips one tick; it never stops the loop. */
    private static void stepSafely(PoolAutoscaler autoscaler) {
        try {
            autoscaler.step();
        } catch (RuntimeException e) {
            LOG.warnf("event=autoscale_failed queue=%s error=%s", autoscaler.config().taskQueue(), e.getMessage());
        }
    }

    private HttpServer serveMetrics(SimpleMeterRegistry meters) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(metricsPort), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = PrometheusText.render(meters).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return server;
    }
}
