package ai.alignet.ml.distill;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/** A student: a backbone followed by AligNet's triplet head (Dense → headDim, no normalisation). */
public final class StudentModels {

    public static final int DEFAULT_HEAD_DIM = 1024;

    private StudentModels() {}

    /**
     * Backbone then a Linear head whose weights, when initialised, come from {@code seed}. Backbone
     * parameters that are already initialised (pretrained or loaded) are kept as they are.
     */
    public static Block withHead(Block backbone, int headDim, long seed) {
        if (headDim < 1) {
            throw new IllegalArgumentException("triplet head needs headDim >= 1, got " + headDim);
        }
        Linear head = Linear.builder().setUnits(headDim).build();
        head.setInitializer(new HeadInitializer(seed), Parameter.Type.WEIGHT);
        head.setInitializer(Initializer.ZEROS, Parameter.Type.BIAS);
        return new SequentialBlock().add(backbone).add(head);
    }

    /**
     * N(0, 1/fanIn) from a seeded Random: keeps |h|² about headDim/fanIn times |z|², so head dot products
     * divided by τ = 100 start in a range where the softmax is neither flat nor saturated.
     */
    private static final class HeadInitializer implements Initializer {
        private final Random random;

        HeadInitializer(long seed) {
            this.random = new Random(seed);
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            double std = 1.0 / Math.sqrt(shape.size() / shape.get(0));
            float[] values = new float[Math.toIntExact(shape.size())];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (random.nextGaussian() * std);
            }
            return manager.create(values, shape).toType(dataType, false);
        }
    }
}
