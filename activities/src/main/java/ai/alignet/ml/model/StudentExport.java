package ai.alignet.ml.model;

import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a fine-tuned TorchScript student back out for the Python world: the backbone as TorchScript
 * with its current (fine-tuned) weights — training updates the module's own tensors in place — the
 * triplet head's weight and bias as an .npz, and a descriptor. {@code tools/assemble_student.py}
 * joins them into one TorchScript file whose output is head(backbone(x)).
 */
public final class StudentExport {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Where the pieces went. */
    public record Files3(Path backbone, Path head, Path descriptor) {}

    private StudentExport() {}

    /**
     * @param headWeight (headDim, embeddingDim), as DJL's Linear stores it (PyTorch's nn.Linear layout)
     * @param headBias   (headDim)
     */
    public static Files3 write(Block backbone, NDArray headWeight, NDArray headBias, BackboneDescriptor d, Path dir) {
        if (!(backbone instanceof PtSymbolBlock module)) {
            throw new IllegalArgumentException("student '" + d.name() + "' has a " + backbone.getClass().getSimpleName()
                    + " backbone; only TorchScript backbones (loaded from .pt) can be written back as TorchScript");
        }
        try {
            Files.createDirectories(dir);
            Path pt = dir.resolve(d.name() + "-backbone.pt");
            try (OutputStream out = Files.newOutputStream(pt)) {
                JniUtils.writeModule(module, out, false);
            }
            Map<String, NpyArray> head = new LinkedHashMap<>();
            head.put("weight", NpyArray.float32(intShape(headWeight), toDoubles(headWeight.toFloatArray())));
            head.put("bias", NpyArray.float32(intShape(headBias), toDoubles(headBias.toFloatArray())));
            Path npz = dir.resolve(d.name() + "-head.npz");
            Files.write(npz, NpzArchive.write(head, false));
            ObjectNode json = JSON.createObjectNode();
            json.put("name", d.name());
            json.put("format", "torchscript");
            json.put("architecture", d.architecture());
            json.put("imageSize", d.imageSize());
            json.putPOJO("mean", d.mean());
            json.putPOJO("std", d.std());
            json.put("channelOrder", "RGB");
            json.put("layout", "NCHW");
            json.put("pixelScale", "[0,1]");
            json.put("embedding", "output");
            json.put("embeddingDim", d.embeddingDim());
            json.put("file", pt.getFileName().toString());
            json.put("head", npz.getFileName().toString());
            json.put("headDim", headWeight.getShape().get(0));
            Path descriptor = dir.resolve(d.name() + ".json");
            Files.write(descriptor, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            return new Files3(pt, npz, descriptor);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write student '" + d.name() + "' to " + dir + ": " + e.getMessage(), e);
        }
    }

    private static int[] intShape(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) {
            out[i] = Math.toIntExact(s[i]);
        }
        return out;
    }

    private static double[] toDoubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
