package ai.alignet.autoscale;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.api.model.autoscaling.v1.ScaleBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;

/**
 * The GPU worker Deployment as the autoscaler sees it through the Kubernetes API: its {@code scale}
 * subresource and its pods. Uses exactly what the autoscaler's Role grants — get/patch
 * {@code deployments/scale} and get/list/watch {@code pods} in its namespace — and nothing else
 * (not even get on the Deployment itself).
 */
public final class DeploymentScale {

    private final KubernetesClient client;
    private final String namespace;
    private final String deployment;
    private final Map<String, String> podLabels;

    /** @param podLabels labels that select this Deployment's pods (its {@code spec.selector.matchLabels}) */
    public DeploymentScale(KubernetesClient client, String namespace, String deployment, Map<String, String> podLabels) {
        this.client = client;
        this.namespace = namespace;
        this.deployment = deployment;
        this.podLabels = Map.copyOf(podLabels);
    }

    public int replicas() {
        Scale scale = readScale();
        Integer replicas = scale.getSpec() == null ? null : scale.getSpec().getReplicas();
        return replicas == null ? 0 : replicas;
    }

    public void scaleTo(int replicas) {
        Scale current = readScale();
        Scale wanted = new ScaleBuilder(current).editOrNewSpec().withReplicas(replicas).endSpec().build();
        try {
            client.apps().deployments().inNamespace(namespace).withName(deployment).scale(wanted);
        } catch (KubernetesClientException e) {
            throw new AutoscalerException("cannot scale deployment " + namespace + "/" + deployment + " to " + replicas
                    + " (HTTP " + e.getCode() + "); check that the autoscaler's Role grants patch on deployments/scale", e);
        }
    }

    /** Names of the Deployment's pods that exist and are not being deleted. */
    public List<String> livePods() {
        try {
            return client.pods().inNamespace(namespace).withLabels(podLabels).list().getItems().stream()
                    .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                    .map(Pod::getMetadata)
                    .map(m -> m.getName())
                    .sorted()
                    .toList();
        } catch (KubernetesClientException e) {
            throw new AutoscalerException("cannot list pods " + podLabels + " in namespace " + namespace + " (HTTP "
                    + e.getCode() + "); check that the autoscaler's Role grants list on pods", e);
        }
    }

    public String name() {
        return namespace + "/" + deployment;
    }

    private Scale readScale() {
        Scale scale;
        try {
            scale = client.apps().deployments().inNamespace(namespace).withName(deployment).scale();
        } catch (KubernetesClientException e) {
            throw new AutoscalerException("cannot read the scale of deployment " + namespace + "/" + deployment + " (HTTP "
                    + e.getCode() + "); check the name and that the Role grants get on deployments/scale", e);
        }
        if (scale == null) {
            throw new AutoscalerException("deployment " + namespace + "/" + deployment + " not found; create it first "
                    + "(kubectl apply -k k8s/overlays/gpu) or fix --deployment", null);
        }
        return scale;
    }
}
