package ai.alignet.ml.model;

import ai.alignet.ml.engine.ScalarOps;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.List;
import java.util.Map;

/**
 * Random-weight backbones that stand in for pretrained vision models in the synthetic world. Like many
 * real base models they rank similarity mostly by appearance: a strongly weighted branch of colour and
 * texture statistics dominates the embedding's dot products. A second, quieter convolutional branch
 * keeps spatial layout, so object shape (and with it the category hierarchy) is still linearly
 * readable — which is what teacher alignment and student distillation have to pull out.
 */
public final class SyntheticBackbones {

    public static final String FORMAT = "djl-synthetic";
    public static final String TEACHER_ARCHITECTURE = "appearance-shape-cnn-wide";
    public static final String STUDENT_ARCHITECTURE = "appearance-shape-cnn-small";

    /** Input normalisation for world images: mostly pale backgrounds with saturated objects. */
    private static final float[] MEAN = {0.7f, 0.7f, 0.7f};
    private static final float[] STD = {0.3f, 0.3f, 0.3f};

    private record Widths(int colourDetectors, int textureDetectors, int appearanceDim, int shapeChannels,
            int shapeDim, float appearanceGain, float shapeGain) {}

    private static final Map<String, Widths> ARCHITECTURES = Map.of(
            TEACHER_ARCHITECTURE, new Widths(32, 32, 32, 24, 96, 3.0f, 0.3f),
            STUDENT_ARCHITECTURE, new Widths(16, 16, 16, 12, 48, 3.0f, 0.3f));

    private SyntheticBackbones() {}

    public static BackboneDescriptor teacher(long seed) {
        return new BackboneDescriptor("teacher", FORMAT, TEACHER_ARCHITECTURE, 32, MEAN, STD, 128, seed);
    }

    public static BackboneDescriptor student(String name, long seed) {
        return new BackboneDescriptor(name, FORMAT, STUDENT_ARCHITECTURE, 32, MEAN, STD, 64, seed);
    }

    /**
     * An uninitialised block whose parameters, once {@code initialize}d (see {@link ModelFiles#newModel}),
     * are a pure function of the descriptor's seed.
     */
    public static Block create(BackboneDescriptor d) {
        if (!FORMAT.equals(d.format())) {
            throw new IllegalArgumentException("backbone '" + d.name() + "' has format '" + d.format()
                    + "'; SyntheticBackbones only builds '" + FORMAT + "' backbones");
        }
        Widths w = ARCHITECTURES.get(d.architecture());
        if (w == null) {
            throw new IllegalArgumentException("backbone '" + d.name() + "' has unknown architecture '"
                    + d.architecture() + "'; use one of " + ARCHITECTURES.keySet());
        }
        if (w.appearanceDim() + w.shapeDim() != d.embeddingDim()) {
            throw new IllegalArgumentException("backbone '" + d.name() + "' declares embeddingDim " + d.embeddingDim()
                    + " but architecture " + d.architecture() + " produces " + (w.appearanceDim() + w.shapeDim()));
        }
        if (d.imageSize() % 8 != 0) {
            throw new IllegalArgumentException("backbone '" + d.name() + "' needs an imageSize divisible by 8, got "
                    + d.imageSize());
        }
        Block colour = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(w.colourDetectors()).build())
                .add(Activation.tanhBlock())
                .add(Pool.globalAvgPool2dBlock());
        Block texture = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                        .setFilters(w.textureDetectors()).build())
                .add(new LambdaBlock(x -> new NDList(x.singletonOrThrow().abs())))
                .add(Pool.globalAvgPool2dBlock());
        Block appearance = new SequentialBlock()
                .add(new ParallelBlock(SyntheticBackbones::concatFeatures, List.of(colour, texture)))
                .add(Linear.builder().setUnits(w.appearanceDim()).build())
                .add(scale(w.appearanceGain()));
        int c = w.shapeChannels();
        int pooledSide = 4;
        Block shape = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).setFilters(c).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(2 * c).build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(2 * c).build())
                .add(Activation.reluBlock())
                .add(Pool.avgPool2dBlock(new Shape(d.imageSize() / 4 / pooledSide, d.imageSize() / 4 / pooledSide)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(w.shapeDim()).build())
                .add(scale(w.shapeGain()));
        Block backbone = new ParallelBlock(SyntheticBackbones::concatFeatures, List.of(appearance, shape));
        backbone.setInitializer(new SeededInitializer(d.seed(), 1.0), Parameter.Type.WEIGHT);
        backbone.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return backbone;
    }

    private static NDList concatFeatures(List<NDList> branches) {
        NDList parts = new NDList();
        for (NDList b : branches) {
            parts.add(b.singletonOrThrow());
        }
        return new NDList(NDArrays.concat(parts, 1));
    }

    private static Block scale(float gain) {
        // Trained during distillation: the scalar must outlive the op (see ScalarOps).
        return new LambdaBlock(x -> new NDList(ScalarOps.mul(x.singletonOrThrow(), gain)));
    }
}
