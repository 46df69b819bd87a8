package ai.alignet.ml.model;

import ai.alignet.formats.InvalidInputException;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Backbones exported from PyTorch ({@code tools/export_backbones.py}): a TorchScript file whose only
 * output is the embedding (N, D), and a JSON descriptor beside it saying how to feed it. Loaded with
 * DJL's PyTorch engine; {@code trainable} loads with {@code trainParam=true} so fine-tuning gets
 * gradients for every parameter.
 */
public final class TorchScriptBackbones {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A descriptor and the TorchScript file it describes. */
    public record TorchScriptBackbone(BackboneDescriptor descriptor, Path file) {}

    private TorchScriptBackbones() {}

    /**
     * Reads a descriptor written by the export script. Only what our input pipeline produces is
     * accepted: RGB, NCHW, pixels in [0, 1], the model output as the embedding.
     */
    public static TorchScriptBackbone readDescriptor(Path json) {
        JsonNode d;
        try {
            d = JSON.readTree(json.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(json + ": not a readable backbone descriptor: " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        expect(d, "format", "torchscript", problems);
        expect(d, "channelOrder", "RGB", problems);
        expect(d, "layout", "NCHW", problems);
        expect(d, "embedding", "output", problems);
        if (!d.path("file").isTextual()) {
            problems.add("'file' (the .pt file name) is missing");
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(json + ": " + String.join("; ", problems)
                    + "; re-export with tools/export_backbones.py");
        }
        try {
            BackboneDescriptor descriptor = new BackboneDescriptor(d.path("name").asText(), "torchscript",
                    d.path("architecture").asText(), d.path("imageSize").asInt(), floats(d.path("mean")),
                    floats(d.path("std")), d.path("embeddingDim").asInt(), 0L);
            return new TorchScriptBackbone(descriptor, json.resolveSibling(d.path("file").asText()));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(json + ": " + e.getMessage());
        }
    }

    /** Loads {@code file} (a TorchScript .pt) as a DJL model named {@code name}; the caller closes it. */
    public static Model load(Path file, String name, boolean trainable) {
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file + ": no such TorchScript file; export one with tools/export_backbones.py");
        }
        String stem = file.getFileName().toString().replaceFirst("\\.pt$", "");
        Model model = Model.newInstance(name, "PyTorch");
        try {
            model.load(file.getParent() == null ? Path.of(".") : file.getParent(), stem,
                    trainable ? Map.of("trainParam", "true") : Map.of());
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new InvalidInputException(file + ": not a TorchScript model this libtorch can load: " + e.getMessage()
                    + "; export it with torch.jit.script or torch.jit.trace (tools/export_backbones.py)", e);
        }
    }

    private static void expect(JsonNode d, String field, String value, List<String> problems) {
        if (!value.equals(d.path(field).asText())) {
            problems.add("'" + field + "' must be \"" + value + "\", got " + d.path(field));
        }
    }

    private static float[] floats(JsonNode array) {
        float[] v = new float[array.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) array.get(i).asDouble();
        }
        return v;
    }
}
