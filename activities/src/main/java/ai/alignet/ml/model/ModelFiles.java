package ai.alignet.ml.model;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Creating, saving and loading backbone models in DJL's parameter format. */
public final class ModelFiles {

    private ModelFiles() {}

    /** A model holding the descriptor's synthetic backbone, initialised for input (N, 3, size, size). */
    public static Model newModel(BackboneDescriptor d) {
        return newModel(d, SyntheticBackbones.create(d));
    }

    /** A model holding {@code block}; parameters it already has are kept, the others initialised. */
    public static Model newModel(BackboneDescriptor d, Block block) {
        Model model = Model.newInstance(d.name());
        model.setBlock(block);
        block.initialize(model.getNDManager(), DataType.FLOAT32, new Shape(1, 3, d.imageSize(), d.imageSize()));
        return model;
    }

    /** Writes the model's parameters as {@code <name>-0000.params} in {@code dir}. */
    public static void save(Model model, Path dir) {
        try {
            Files.createDirectories(dir);
            model.save(dir, model.getName());
        } catch (IOException e) {
            throw new UncheckedIOException("could not save model '" + model.getName() + "' to " + dir
                    + ": " + e.getMessage() + "; check the folder is writable", e);
        }
    }

    /** Loads parameters saved by {@link #save} into {@code block}, which must have the same architecture. */
    public static Model load(BackboneDescriptor d, Path dir, Block block) {
        Model model = Model.newInstance(d.name());
        model.setBlock(block);
        try {
            model.load(dir, d.name());
            return model;
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("could not load model '" + d.name() + "' from " + dir + ": "
                    + e.getMessage() + "; check the folder holds " + d.name() + "-NNNN.params written for architecture "
                    + d.architecture(), e);
        }
    }
}
