package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import ai.alignet.formats.PythonProcess;
import ai.alignet.ml.distill.DecayToInitAdam;
import ai.alignet.ml.distill.TripletLosses;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TorchScript student fine-tuned in DJL (one real step: JSD loss, decay-to-init Adam) is written
 * back as TorchScript that carries the fine-tuned weights, with its head as an .npz numpy reads.
 *
 * <p>Regenerate the committed golden/student files (which tools/test_assemble_student.py loads in
 * plain PyTorch) with {@code -Dalignet.golden.student=src/test/resources/golden/student}.
 */
class StudentExportTest {

    private static final Path GOLDEN = Path.of("src/test/resources/golden/backbones");

    @TempDir
    Path dir;

    @Test
    void fineTunedBackboneAndHeadAreWrittenBackExactly() throws Exception {
        Map<String, NpyArray> golden = NpzArchive.read(Files.readAllBytes(GOLDEN.resolve("vit-b16-tiny-golden.npz")), "golden");
        BackboneDescriptor d = TorchScriptBackbones.readDescriptor(GOLDEN.resolve("vit-b16-tiny.json")).descriptor();
        ai.alignet.ml.engine.InferenceMode.enterOnThisThread(); // as every ML entry point does (Distiller too)
        Path out = System.getProperty("alignet.golden.student") == null ? dir : Path.of(System.getProperty("alignet.golden.student"));
        try (Model model = TorchScriptBackbones.load(GOLDEN.resolve("vit-b16-tiny.pt"), d.name(), true);
                NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray x = m.create(toFloats(golden.get("input").floats()), new Shape(6, 3, d.imageSize(), d.imageSize()));
            NDArray logits = m.create(toFloats(golden.get("teacher_logits").floats()), new Shape(2, 3));
            var parameters = model.getBlock().getParameters().stream().toList();
            parameters.forEach(p -> p.getValue().getArray().setRequiresGradient(true));
            try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                NDArray z = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                NDArray heads = z.reshape(new Shape(-1, 3, d.embeddingDim()));
                c.backward(TripletLosses.jsd(TripletLosses.teacherTarget(logits), TripletLosses.studentDistribution(heads, 1.0)));
            }
            // θ0 is taken after the backward pass here, which leaves θ − θ0 = 0 for this first step as in training.
            try (DecayToInitAdam adam = new DecayToInitAdam(parameters, 1.0)) {
                adam.step(1e-2);
            }
            ai.alignet.ml.engine.InferenceMode.enterOnThisThread(); // the collector left autograd on
            parameters.forEach(p -> p.getValue().getArray().setRequiresGradient(false));
            float[] tuned = model.getBlock().forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow()
                    .toFloatArray();
            NDArray weight = m.randomNormal(new Shape(16, d.embeddingDim()));
            NDArray bias = m.randomNormal(new Shape(16));
            StudentExport.Files3 files = StudentExport.write(model.getBlock(), weight, bias, d, out);

            try (Model reloaded = TorchScriptBackbones.load(files.backbone(), "reloaded", false)) {
                float[] again = reloaded.getBlock().forward(new ParameterStore(m, false), new NDList(x), false)
                        .singletonOrThrow().toFloatArray();
                assertThat(again).containsExactly(tuned);
            }
            double[] before = golden.get("embeddings").floats();
            double moved = 0;
            for (int i = 0; i < tuned.length; i++) {
                moved = Math.max(moved, Math.abs(tuned[i] - before[i]));
            }
            assertThat(moved).as("one step moved the embeddings").isGreaterThan(1e-3);

            Map<String, NpyArray> expected = new LinkedHashMap<>();
            expected.put("input", golden.get("input"));
            expected.put("embeddings", NpyArray.float32(new int[] {6, d.embeddingDim()}, toDoubles(tuned)));
            Files.write(out.resolve("djl-outputs.npz"), NpzArchive.write(expected, true));
            String loaded = PythonProcess.run(out, """
                    import json, numpy as np
                    h = np.load('vit-b16-tiny-head.npz'); d = json.load(open('vit-b16-tiny.json'))
                    print(h['weight'].shape, h['bias'].shape, h['weight'].dtype, d['file'], d['head'], d['headDim'])
                    print(repr(float(h['weight'][3, 5])))
                    """);
            assertThat(loaded.lines().findFirst().orElseThrow())
                    .isEqualTo("(16, 32) (16,) float32 vit-b16-tiny-backbone.pt vit-b16-tiny-head.npz 16");
            assertThat(Float.parseFloat(loaded.lines().skip(1).findFirst().orElseThrow()))
                    .isEqualTo(weight.get(3, 5).getFloat());
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
