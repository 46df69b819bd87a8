package ai.alignet.ml.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;
import java.util.Random;

/**
 * He-normal weights from a seeded java.util.Random, so the same seed gives the same network on every
 * machine and engine (DJL's own initialisers draw from the engine's unseeded generator). Parameters
 * are drawn in initialisation order, which a block fixes.
 */
final class SeededInitializer implements Initializer {

    private final Random random;
    private final double gain;

    SeededInitializer(long seed, double gain) {
        this.random = new Random(seed);
        this.gain = gain;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        long fanIn = shape.dimension() > 1 ? shape.size() / shape.get(0) : shape.size();
        double std = gain * Math.sqrt(2.0 / Math.max(1, fanIn));
        float[] values = new float[Math.toIntExact(shape.size())];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (random.nextGaussian() * std);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
