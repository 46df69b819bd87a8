package ai.alignet.autoscale;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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

    /**
     * A JSON merge patch of the scale subresource, not Fabric8's {@code scale(...)}: that one PUTs,
     * which needs the {@code update} verb, and the Role grants only {@code patch}.
     */
    public void scaleTo(int replicas) {
        String url = client.getMasterUrl().toString().replaceAll("/$", "") + "/apis/apps/v1/namespaces/" + namespace
                + "/deployments/" + deployment + "/scale";
        HttpRequest patch = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .patch("application/merge-patch+json", "{\"spec\":{\"replicas\":" + replicas + "}}")
                .build();
        HttpResponse<String> response;
        try {
            response = client.getHttpClient().sendAsync(patch, String.class).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AutoscalerException("interrupted while scaling " + name(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AutoscalerException("cannot reach the Kubernetes API to scale " + name() + ": " + e.getMessage(), e);
        }
        if (!response.isSuccessful()) {
            throw new AutoscalerException("cannot scale deployment " + name() + " to " + replicas + " (HTTP "
                    + response.code() + ": " + response.body() + "); check that the autoscaler's Role grants patch on "
                    + "deployments/scale for this Deployment", null);
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
