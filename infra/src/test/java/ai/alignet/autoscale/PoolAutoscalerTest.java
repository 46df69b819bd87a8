package ai.alignet.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.autoscale.ScalingDecision.Reason;
import ai.alignet.testing.TemporalDevServer;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The autoscaler against the real API shapes: a real Temporal dev server with a real backlog on a GPU
 * queue (workflows whose activities no worker polls), and the Fabric8 mock Kubernetes API in CRUD mode
 * holding the GPU Deployment and its pods. Time is a settable clock, so cooldowns need no sleeping.
 */
@EnableKubernetesMockClient(crud = true)
class PoolAutoscalerTest {

    private static final String NAMESPACE = "alignet";
    private static final String DEPLOYMENT = "worker-gpu";
    private static final Map<String, String> POD_LABELS = Map.of("app.kubernetes.io/name", "worker-gpu");
    private static final Duration COOLDOWN = Duration.ofMinutes(10);

    @TempDir
    static Path dir;

    static TemporalDevServer temporal;
    static WorkflowServiceStubs service;

    KubernetesClient client;
    KubernetesMockServer server;

    private final SettableClock clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final String queue = "alignet-gpu-test-" + UUID.randomUUID();
    private final String controlQueue = "control-" + queue;
    private WorkerFactory workflowWorkers;

    @BeforeAll
    static void startTemporal() {
        temporal = TemporalDevServer.start(dir.resolve("temporal"));
        service = WorkflowServiceStubs.newServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.address()).build());
    }

    @AfterAll
    static void stopTemporal() {
        if (service != null) {
            service.shutdownNow();
        }
        if (temporal != null) {
            temporal.close();
        }
    }

    @BeforeEach
    void startWorkflowWorker() {
        // Workflows run (and schedule their GPU activity); nothing polls the GPU queue unless a test says so.
        workflowWorkers = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
        workflowWorkers.newWorker(controlQueue).registerWorkflowImplementationTypes(GpuWork.JobImpl.class);
        workflowWorkers.start();
    }

    @AfterEach
    void stopWorkflowWorker() {
        workflowWorkers.shutdownNow();
    }

    @Test
    void backlogOfNScalesToNCappedAtMax() throws Exception {
        deployment(0);
        startJobs(3);
        awaitLoad(l -> l.backlog() == 3);

        ScalingDecision capped = autoscaler(0, 2).step();
        assertThat(capped.reason()).isEqualTo(Reason.SCALE_UP);
        // the Role grants patch (not update) on deployments/scale
        assertThat(server.getLastRequest().getMethod()).isEqualTo("PATCH");
        assertThat(server.getLastRequest().getPath()).isEqualTo("/apis/apps/v1/namespaces/alignet/deployments/worker-gpu/scale");
        assertThat(replicas()).isEqualTo(2);

        ScalingDecision roomy = autoscaler(0, 5).step();
        assertThat(roomy.desired()).isEqualTo(3);
        assertThat(replicas()).isEqualTo(3);
    }

    @Test
    void idlePoolGoesToZeroAfterTheCooldown() {
        deployment(2);
        PoolAutoscaler autoscaler = autoscaler(0, 4);

        assertThat(autoscaler.step().reason()).isEqualTo(Reason.HOLD_STABILISING);
        clock.advance(COOLDOWN.minusSeconds(1));
        autoscaler.step();
        assertThat(replicas()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(autoscaler.step().reason()).isEqualTo(Reason.IDLE_TO_MIN);
        assertThat(replicas()).isZero();
    }

    @Test
    void aShrinkingBacklogNeverRemovesABusyPod() throws Exception {
        deployment(1);
        pod("worker-gpu-b");
        CountDownLatch release = new CountDownLatch(1);
        WorkerFactory busyPod = gpuWorker("worker-gpu-b", release);
        try {
            PoolAutoscaler autoscaler = autoscaler(0, 4);
            startJobs(1);
            awaitLoad(l -> l.runningByHost().getOrDefault("worker-gpu-b", 0) == 1);
            startJobs(2);
            awaitLoad(l -> l.backlog() == 2);

            assertThat(autoscaler.step().reason()).isEqualTo(Reason.SCALE_UP);
            assertThat(replicas()).as("one busy pod plus two for the backlog").isEqualTo(3);
            pod("worker-gpu-a");
            pod("worker-gpu-c");

            // the new pods take the backlog and finish it; worker-gpu-b still trains
            WorkerFactory newPod = gpuWorker("worker-gpu-c", new CountDownLatch(0));
            try {
                awaitLoad(l -> l.backlog() == 0 && l.running() == 1);
            } finally {
                newPod.shutdownNow();
            }
            ScalingDecision whileBusy = autoscaler.step();
            clock.advance(Duration.ofHours(5));
            ScalingDecision longAfterCooldown = autoscaler.step();

            assertThat(whileBusy.reason()).isEqualTo(Reason.HOLD_BUSY);
            assertThat(longAfterCooldown.reason()).isEqualTo(Reason.HOLD_BUSY);
            assertThat(replicas()).as("no scale-down while worker-gpu-b trains").isEqualTo(3);

            release.countDown();
            awaitLoad(l -> l.running() == 0 && l.backlog() == 0);
            autoscaler.step();
            clock.advance(COOLDOWN);
            assertThat(autoscaler.step().reason()).isEqualTo(Reason.IDLE_TO_MIN);
            assertThat(replicas()).isZero();
        } finally {
            release.countDown();
            busyPod.shutdownNow();
        }
    }

    @Test
    void backlogThatComesAndGoesDoesNotMakePodsComeAndGo() {
        deployment(0);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        PoolAutoscaler autoscaler = autoscaler(0, 4, meters);

        startJobs(2);
        awaitLoad(l -> l.backlog() == 2);
        assertThat(autoscaler.step().reason()).isEqualTo(Reason.SCALE_UP);

        drainQueue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(autoscaler.step().reason()).as("idle, but within the cooldown").isEqualTo(Reason.HOLD_STABILISING);

        startJobs(2);
        awaitLoad(l -> l.backlog() == 2);
        clock.advance(Duration.ofMinutes(1));
        assertThat(autoscaler.step().reason()).isEqualTo(Reason.STEADY);

        drainQueue();
        clock.advance(Duration.ofMinutes(3));
        assertThat(autoscaler.step().reason()).isEqualTo(Reason.HOLD_STABILISING);

        assertThat(replicas()).isEqualTo(2);
        assertThat(meters.counter("alignet.autoscaler.decisions", "queue", queue, "deployment", DEPLOYMENT,
                "reason", "SCALE_UP").count()).as("scaled once, then held").isEqualTo(1.0);
        assertThat(meters.get("alignet.autoscaler.replicas").gauge().value()).isEqualTo(2.0);
    }

    /** Lets a short-lived worker run everything waiting on the queue. */
    private void drainQueue() {
        WorkerFactory drainer = gpuWorker("worker-gpu-drainer", new CountDownLatch(0));
        try {
            awaitLoad(l -> l.backlog() == 0 && l.running() == 0);
        } finally {
            drainer.shutdownNow();
        }
    }

    private PoolAutoscaler autoscaler(int min, int max) {
        return autoscaler(min, max, new SimpleMeterRegistry());
    }

    private PoolAutoscaler autoscaler(int min, int max, SimpleMeterRegistry meters) {
        PoolConfig config = new PoolConfig(queue, NAMESPACE, DEPLOYMENT, min, max, 1, COOLDOWN, Duration.ofMinutes(5));
        return new PoolAutoscaler(config, new TemporalQueueProbe(service, "default"),
                new DeploymentScale(client, NAMESPACE, DEPLOYMENT, POD_LABELS), clock, meters);
    }

    private void deployment(int replicas) {
        client.apps().deployments().inNamespace(NAMESPACE).resource(new DeploymentBuilder()
                .withNewMetadata().withName(DEPLOYMENT).withNamespace(NAMESPACE).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().withMatchLabels(POD_LABELS).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(POD_LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("alignet/worker-gpu:test").endContainer()
                .endSpec().endTemplate().endSpec().build()).create();
    }

    private void pod(String name) {
        client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE).withLabels(POD_LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("worker").withImage("alignet/worker-gpu:test").endContainer()
                .endSpec().build()).create();
    }

    private int replicas() {
        return client.apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get().getSpec().getReplicas();
    }

    private void startJobs(int n) {
        WorkflowClient workflows = WorkflowClient.newInstance(service);
        for (int i = 0; i < n; i++) {
            GpuWork.Job job = workflows.newWorkflowStub(GpuWork.Job.class, WorkflowOptions.newBuilder()
                    .setTaskQueue(controlQueue).setWorkflowId(queue + "-" + UUID.randomUUID()).build());
            WorkflowClient.start(job::run, queue);
        }
    }

    /** A GPU worker whose Temporal identity names a pod, running activities that end when {@code release} opens. */
    private WorkerFactory gpuWorker(String podName, CountDownLatch release) {
        WorkflowClient asPod = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setIdentity("1@" + podName).build());
        WorkerFactory factory = WorkerFactory.newInstance(asPod);
        // one slot, like a one-GPU pod: a second activity waits in the backlog
        factory.newWorker(queue, WorkerOptions.newBuilder().setMaxConcurrentActivityExecutionSize(1).build())
                .registerActivitiesImplementations((GpuWork.Step) input -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return input;
        });
        factory.start();
        return factory;
    }

    /** Temporal's task-queue stats and visibility are eventually consistent: wait until they show the state. */
    private void awaitLoad(Predicate<QueueLoad> shown) {
        TemporalQueueProbe probe = new TemporalQueueProbe(service, "default");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        QueueLoad last = null;
        while (System.nanoTime() < deadline) {
            last = probe.load(queue);
            if (shown.test(last)) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("Temporal never showed the expected load on " + queue + "; last seen " + last);
    }

    static final class SettableClock extends Clock {
        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
