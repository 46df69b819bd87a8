package ai.alignet.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Renders every overlay under k8s/overlays with {@code kubectl kustomize}, parses every object into the
 * Fabric8 model, and checks the deployment rules of the GPU-workers issue.
 */
class KustomizeOverlaysTest {

    private static final Pattern CREDENTIAL_NAME = Pattern.compile(".*(KEY|SECRET|PASSWORD|TOKEN|USER).*");
    private static final Pattern PINNED_IMAGE = Pattern.compile("[^:@\\s]+(:[A-Za-z0-9._-]+|@sha256:[0-9a-f]{64})");
    private static final List<String> RESOURCES = List.of("cpu", "memory");

    static Map<String, List<HasMetadata>> rendered;

    @BeforeAll
    static void renderAll() throws Exception {
        rendered = new java.util.TreeMap<>();
        for (String overlay : RenderedOverlays.names()) {
            rendered.put(overlay, RenderedOverlays.render(overlay));
        }
    }

    static Stream<String> overlays() throws Exception {
        return RenderedOverlays.names().stream();
    }

    @Test
    void overlaysForDevAndGpuExist() {
        assertThat(rendered.keySet()).contains("dev", "gpu");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyObjectParsesAndLivesInTheAlignetNamespace(String overlay) {
        List<HasMetadata> objects = rendered.get(overlay);
        assertThat(objects).isNotEmpty();
        for (HasMetadata o : objects) {
            if (o instanceof Namespace) {
                assertThat(o.getMetadata().getName()).isEqualTo("alignet");
            } else {
                assertThat(o.getMetadata().getNamespace()).as(describe(o)).isEqualTo("alignet");
            }
        }
        assertThat(objects).filteredOn(o -> o instanceof GenericKubernetesResource)
                .as("only CRD objects stay generic in the Fabric8 model")
                .allSatisfy(o -> assertThat(o.getKind()).isEqualTo("ScaledObject"));
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everyContainerHasRequestsAndLimitsAndRunsNonRootWithAPinnedImage(String overlay) {
        Map<String, PodTemplateSpec> templates = RenderedOverlays.podTemplates(rendered.get(overlay));
        assertThat(templates).containsKeys("Deployment/control", "Deployment/worker-cpu", "Deployment/worker-gpu",
                "StatefulSet/temporal", "StatefulSet/minio");
        templates.forEach((workload, template) -> {
            PodSpec pod = template.getSpec();
            assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(workload + " runAsNonRoot").isTrue();
            assertThat(pod.getSecurityContext().getRunAsUser()).as(workload + " runAsUser").isPositive();
            for (Container c : containers(pod)) {
                String where = workload + " container " + c.getName();
                for (String r : RESOURCES) {
                    assertThat(c.getResources().getRequests()).as(where + " requests").containsKey(r);
                    assertThat(c.getResources().getLimits()).as(where + " limits").containsKey(r);
                }
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as(where).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).as(where).contains("ALL");
                assertThat(c.getImage()).as(where + " image").matches(PINNED_IMAGE).doesNotEndWith(":latest");
            }
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void credentialsComeOnlyFromSecretReferences(String overlay) {
        RenderedOverlays.podTemplates(rendered.get(overlay)).forEach((workload, template) -> {
            for (Container c : containers(template.getSpec())) {
                for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (CREDENTIAL_NAME.matcher(env.getName()).matches()) {
                        assertThat(env.getValue()).as(workload + " env " + env.getName() + " must not be a literal").isNull();
                        assertThat(env.getValueFrom().getSecretKeyRef()).as(workload + " env " + env.getName()).isNotNull();
                    }
                }
            }
        });
        List<HasMetadata> secrets = rendered.get(overlay).stream().filter(o -> o instanceof Secret).toList();
        if (overlay.equals("dev")) {
            assertThat(secrets).as("dev generates one throwaway S3 secret").hasSize(1);
        } else {
            assertThat(secrets).as(overlay + " must not carry secrets; they are created out of band").isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void onlyTheAutoscalerHasKubernetesApiAccessAndOnlyWhatTheIssueLists(String overlay) {
        List<HasMetadata> objects = rendered.get(overlay);
        assertThat(objects).noneMatch(o -> o instanceof ClusterRole || o instanceof ClusterRoleBinding);
        List<Role> roles = of(objects, Role.class);
        List<ServiceAccount> tokenHolders = of(objects, ServiceAccount.class).stream()
                .filter(sa -> !Boolean.FALSE.equals(sa.getAutomountServiceAccountToken())).toList();
        if (overlay.endsWith("keda")) {
            assertThat(roles).isEmpty();
            assertThat(tokenHolders).isEmpty();
            return;
        }
        assertThat(tokenHolders).extracting(sa -> sa.getMetadata().getName()).containsExactly("alignet-autoscaler");
        assertThat(roles).singleElement().satisfies(role -> {
            assertThat(role.getMetadata().getName()).isEqualTo("alignet-autoscaler");
            List<String> rules = new ArrayList<>();
            for (PolicyRule rule : role.getRules()) {
                rules.add(rule.getApiGroups() + " " + rule.getResources() + " " + rule.getResourceNames() + " "
                        + rule.getVerbs());
            }
            assertThat(rules).containsExactlyInAnyOrder(
                    "[] [pods] [] [get, list, watch]",
                    "[apps] [deployments/scale] [worker-gpu] [get, patch]");
        });
        assertThat(of(objects, RoleBinding.class)).singleElement().satisfies(binding -> {
            assertThat(binding.getRoleRef().getName()).isEqualTo("alignet-autoscaler");
            assertThat(binding.getSubjects()).singleElement().satisfies(s -> {
                assertThat(s.getKind()).isEqualTo("ServiceAccount");
                assertThat(s.getName()).isEqualTo("alignet-autoscaler");
            });
        });
        PodSpec autoscaler = RenderedOverlays.podTemplates(objects).get("Deployment/autoscaler").getSpec();
        assertThat(autoscaler.getServiceAccountName()).isEqualTo("alignet-autoscaler");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void gpuWorkersStartAtZeroAndAreNeverEvictedVoluntarily(String overlay) {
        List<HasMetadata> objects = rendered.get(overlay);
        Deployment gpu = of(objects, Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("worker-gpu"))
                .findFirst().orElseThrow();
        assertThat(gpu.getSpec().getReplicas()).isZero();
        assertThat(of(objects, PodDisruptionBudget.class)).anySatisfy(pdb -> {
            assertThat(pdb.getSpec().getSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "worker-gpu");
            assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isZero();
        });
        assertThat(containers(gpu.getSpec().getTemplate().getSpec())).allSatisfy(c -> {
            assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
            assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everythingIsDeniedUnlessANetworkPolicyAllowsIt(String overlay) {
        List<NetworkPolicy> policies = of(rendered.get(overlay), NetworkPolicy.class);
        assertThat(policies).anySatisfy(p -> {
            assertThat(p.getSpec().getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(p.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(p.getSpec().getIngress()).isNullOrEmpty();
            assertThat(p.getSpec().getEgress()).isNullOrEmpty();
        });
        NetworkPolicy minio = policies.stream().filter(p -> p.getMetadata().getName().equals("minio-ingress")).findFirst()
                .orElseThrow();
        assertThat(minio.getSpec().getIngress()).singleElement().satisfies(rule -> assertThat(rule.getFrom())
                .singleElement().satisfies(peer -> assertThat(peer.getPodSelector().getMatchLabels())
                        .containsExactly(Map.entry("alignet.ai/s3-client", "true"))));
    }

    @Test
    void gpuOverlayRequestsOneGpuOnTheGpuNodePool() {
        for (String overlay : List.of("gpu", "gpu-keda")) {
            PodSpec pod = RenderedOverlays.podTemplates(rendered.get(overlay)).get("Deployment/worker-gpu").getSpec();
            Container worker = pod.getContainers().get(0);
            assertThat(worker.getResources().getRequests()).as(overlay).containsEntry("nvidia.com/gpu", new Quantity("1"));
            assertThat(worker.getResources().getLimits()).as(overlay).containsEntry("nvidia.com/gpu", new Quantity("1"));
            assertThat(pod.getNodeSelector()).as(overlay).containsEntry("nvidia.com/gpu.present", "true");
            assertThat(pod.getTolerations()).as(overlay).anySatisfy(t -> {
                assertThat(t.getKey()).isEqualTo("nvidia.com/gpu");
                assertThat(t.getEffect()).isEqualTo("NoSchedule");
            });
            assertThat(worker.getImage()).as(overlay).contains("worker-gpu").contains("cu124");
            assertThat(worker.getEnv()).as(overlay).anySatisfy(e -> {
                assertThat(e.getName()).isEqualTo("ALIGNET_WORKER_REQUIRE_GPU");
                assertThat(e.getValue()).isEqualTo("true");
            });
        }
    }

    @Test
    void devOverlayAsksForNoGpu() {
        RenderedOverlays.podTemplates(rendered.get("dev")).forEach((workload, template) -> {
            for (Container c : containers(template.getSpec())) {
                assertThat(c.getResources().getLimits()).as(workload).doesNotContainKey("nvidia.com/gpu");
            }
            assertThat(template.getSpec().getNodeSelector()).as(workload).isNullOrEmpty();
        });
    }

    @Test
    void kedaOverlayScalesTheGpuQueueInsteadOfOurAutoscaler() {
        List<HasMetadata> objects = rendered.get("gpu-keda");
        assertThat(RenderedOverlays.podTemplates(objects)).doesNotContainKey("Deployment/autoscaler");
        GenericKubernetesResource scaled = objects.stream().filter(o -> o.getKind().equals("ScaledObject"))
                .map(GenericKubernetesResource.class::cast).findFirst().orElseThrow();
        assertThat((String) scaled.get("spec", "scaleTargetRef", "name")).isEqualTo("worker-gpu");
        List<Map<String, Object>> triggers = scaled.get("spec", "triggers");
        assertThat(triggers).singleElement().satisfies(t -> {
            assertThat(t).containsEntry("type", "temporal");
            assertThat((Map<String, Object>) t.get("metadata")).containsEntry("taskQueue", "alignet-gpu")
                    .containsEntry("queueTypes", "activity");
        });
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    private static <T> List<T> of(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private static String describe(HasMetadata o) {
        return o.getKind() + "/" + o.getMetadata().getName();
    }
}
