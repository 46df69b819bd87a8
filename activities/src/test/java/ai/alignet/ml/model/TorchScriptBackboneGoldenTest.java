package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.distill.TripletLosses;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * DJL against PyTorch on the tiny ViT-style and DINOv2-style backbones that
 * {@code tools/export_backbones.py golden} wrote (TorchScript + descriptor + an .npz of PyTorch's
 * results): same embeddings through our image normalisation (max abs diff ≤ 1e-4), and same
 * parameter gradients for one step of the AligNet JSD student loss (relative error ≤ 1e-3).
 */
class TorchScriptBackboneGoldenTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/backbones");

    @ParameterizedTest
    @ValueSource(strings = {"vit-b16-tiny", "dinov2-b14-tiny"})
    void embeddingsEqualPyTorchs(String name) throws Exception {
        Map<String, NpyArray> golden = NpzArchive.read(Files.readAllBytes(GOLDEN.resolve(name + "-golden.npz")), name);
        TorchScriptBackbones.TorchScriptBackbone backbone = TorchScriptBackbones.readDescriptor(GOLDEN.resolve(name + ".json"));
        BackboneDescriptor d = backbone.descriptor();
        NpyArray pixels = golden.get("pixels");
        int n = pixels.shape()[0];
        int plane = 3 * d.imageSize() * d.imageSize();
        List<float[]> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] chw = new float[plane];
            for (int p = 0; p < plane; p++) {
                chw[p] = (float) pixels.floats()[i * plane + p];
            }
            images.add(chw);
        }
        try (Model model = TorchScriptBackbones.load(backbone.file(), d.name(), false);
                Embedder embedder = new Embedder(model, d)) {
            EmbeddingMatrix z = embedder.embedUnitFloats(images, 4);
            double[] expected = golden.get("embeddings").floats();
            assertThat(z.rows()).isEqualTo(n);
            assertThat(z.dim()).isEqualTo(d.embeddingDim());
            double maxDiff = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < z.dim(); c++) {
                    maxDiff = Math.max(maxDiff, Math.abs(z.get(i, c) - expected[i * z.dim() + c]));
                }
            }
            assertThat(maxDiff).isLessThanOrEqualTo(1e-4);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vit-b16-tiny", "dinov2-b14-tiny"})
    void oneTrainingStepsGradientsEqualPyTorchs(String name) throws Exception {
        Map<String, NpyArray> golden = NpzArchive.read(Files.readAllBytes(GOLDEN.resolve(name + "-golden.npz")), name);
        TorchScriptBackbones.TorchScriptBackbone backbone = TorchScriptBackbones.readDescriptor(GOLDEN.resolve(name + ".json"));
        try (Model model = TorchScriptBackbones.load(backbone.file(), name, true);
                NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray x = array(manager, golden.get("input"));
            NDArray logits = array(manager, golden.get("teacher_logits"));
            double tau = golden.get("tau").floats()[0];
            List<Pair<String, Parameter>> parameters = model.getBlock().getParameters().stream().toList();
            for (Pair<String, Parameter> p : parameters) {
                p.getValue().getArray().setRequiresGradient(true);
            }
            double loss;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray z = model.getBlock().forward(new ParameterStore(manager, false), new NDList(x), true)
                        .singletonOrThrow();
                NDArray heads = z.reshape(new Shape(-1, 3, z.getShape().get(1)));
                NDArray l = TripletLosses.jsd(TripletLosses.teacherTarget(logits), TripletLosses.studentDistribution(heads, tau));
                loss = l.getFloat();
                collector.backward(l);
            }
            assertThat(loss).isCloseTo(golden.get("loss").floats()[0], org.assertj.core.data.Offset.offset(1e-5));
            int compared = 0;
            for (Pair<String, Parameter> p : parameters) {
                NpyArray expected = golden.get("grad/" + p.getKey());
                assertThat(expected).as("golden gradient for parameter " + p.getKey()).isNotNull();
                float[] actual = p.getValue().getArray().getGradient().toFloatArray();
                double[] e = expected.floats();
                assertThat(actual.length).isEqualTo(e.length);
                double diff = 0;
                double norm = 0;
                for (int i = 0; i < e.length; i++) {
                    diff += (actual[i] - e[i]) * (actual[i] - e[i]);
                    norm += e[i] * e[i];
                }
                assertThat(norm).as(p.getKey() + " has a non-zero gradient").isGreaterThan(0);
                assertThat(Math.sqrt(diff / norm)).as("relative gradient error of " + p.getKey()).isLessThanOrEqualTo(1e-3);
                compared++;
            }
            assertThat(compared).isEqualTo(golden.keySet().stream().filter(k -> k.startsWith("grad/")).count());
        }
    }

    private static NDArray array(NDManager manager, NpyArray a) {
        double[] v = a.floats();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return manager.create(f, new Shape(shape));
    }
}
