package ai.alignet.ml.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import org.junit.jupiter.api.Test;

class DecayToInitAdamTest {

    private static final float[] THETA0 = {1f, -2f, 0.5f};
    private static final float[] GRAD = {0.3f, -1.5f, 0.02f};

    @Test
    void twoStepsMatchAHandComputedAdamUpdateWithDecayTowardTheInitialWeights() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = parameter(m, THETA0);
            try (DecayToInitAdam adam = new DecayToInitAdam(List.of(new Pair<>("w", w)), 0.9, 0.999, 1e-8, 1.0)) {
                backward(m, w);
                adam.step(0.1);
                backward(m, w);
                adam.step(0.05);
                assertThat(adam.stepCount()).isEqualTo(2);
            }
            float[] actual = w.getArray().toFloatArray();
            double[] expected = handComputed(new double[] {0.1, 0.05});
            for (int i = 0; i < 3; i++) {
                assertThat((double) actual[i]).isCloseTo(expected[i], offset(1e-5));
            }
        }
    }

    /**
     * The update equals, bit for bit, the same formula written with DJL's number overloads (how it was
     * written before its constants became per-step arrays): what makes checkpoints written by either
     * resume identically.
     */
    @Test
    void eachStepEqualsTheFormulaWithDjlNumberOverloadsBitForBit() {
        int n = 4096;
        java.util.Random random = new java.util.Random(5);
        float[] theta0 = new float[n];
        for (int i = 0; i < n; i++) {
            theta0[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3));
        }
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(n))
                    .optInitializer((manager, shape, type) -> manager.create(theta0.clone())).build();
            w.initialize(m, DataType.FLOAT32);
            w.getArray().setRequiresGradient(true);
            NDArray theta = m.create(theta0.clone());
            NDArray initial = m.create(theta0.clone());
            NDArray m1 = m.zeros(new Shape(n));
            NDArray v1 = m.zeros(new Shape(n));
            try (DecayToInitAdam adam = new DecayToInitAdam(List.of(new Pair<>("w", w)), 0.9, 0.999, 1e-8, 0.7)) {
                for (int t = 1; t <= 6; t++) {
                    float[] grad = new float[n];
                    for (int i = 0; i < n; i++) {
                        grad[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(9) - 5));
                    }
                    backward(m, w, grad);
                    double lr = 1e-3 * t;
                    adam.step(lr);
                    try (NDManager scratch = m.newSubManager()) {
                        NDArray g = scratch.create(grad);
                        m1.muli(0.9).addi(g.mul(1 - 0.9));
                        v1.muli(0.999).addi(g.square().muli(1 - 0.999));
                        NDArray step = m1.div(1 - Math.pow(0.9, t)).divi(v1.div(1 - Math.pow(0.999, t)).sqrt().addi(1e-8));
                        step.attach(scratch);
                        NDArray pull = theta.sub(initial).muli(0.7);
                        pull.attach(scratch);
                        theta.subi(step.addi(pull).muli(lr));
                    }
                    assertThat(firstDifference(w.getArray().toFloatArray(), theta.toFloatArray()))
                            .as("first differing value, step %d", t).isEqualTo("none");
                }
            }
        }
    }

    private static String firstDifference(float[] actual, float[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (Float.floatToRawIntBits(actual[i]) != Float.floatToRawIntBits(expected[i])) {
                return "index " + i + ": " + actual[i] + " instead of " + expected[i];
            }
        }
        return "none";
    }

    @Test
    void restoredStateContinuesExactlyAsTheOriginalWould() {
        try (NDManager m = NDManager.newBaseManager()) {
            Parameter w = parameter(m, THETA0);
            float[] afterOne;
            byte[] saved;
            float[] uninterrupted;
            try (DecayToInitAdam adam = new DecayToInitAdam(List.of(new Pair<>("w", w)), 1.0)) {
                backward(m, w);
                adam.step(0.1);
                afterOne = w.getArray().toFloatArray();
                saved = adam.saveState();
                backward(m, w);
                adam.step(0.1);
                uninterrupted = w.getArray().toFloatArray();
            }
            Parameter resumed = parameter(m, afterOne);
            try (DecayToInitAdam adam = new DecayToInitAdam(List.of(new Pair<>("w", resumed)), 1.0)) {
                adam.restoreState(saved);
                assertThat(adam.stepCount()).isEqualTo(1);
                backward(m, resumed);
                adam.step(0.1);
            }
            assertThat(resumed.getArray().toFloatArray()).isEqualTo(uninterrupted);
        }
    }

    /** θ_t = θ_{t−1} − lr_t·(m̂/(√v̂+ε) + (θ_{t−1} − θ0)), with the same gradient every step. */
    private static double[] handComputed(double[] rates) {
        double[] theta = new double[3];
        double[] m = new double[3];
        double[] v = new double[3];
        for (int i = 0; i < 3; i++) {
            theta[i] = THETA0[i];
        }
        for (int t = 1; t <= rates.length; t++) {
            for (int i = 0; i < 3; i++) {
                m[i] = 0.9 * m[i] + 0.1 * GRAD[i];
                v[i] = 0.999 * v[i] + 0.001 * GRAD[i] * GRAD[i];
                double mHat = m[i] / (1 - Math.pow(0.9, t));
                double vHat = v[i] / (1 - Math.pow(0.999, t));
                theta[i] -= rates[t - 1] * (mHat / (Math.sqrt(vHat) + 1e-8) + (theta[i] - THETA0[i]));
            }
        }
        return theta;
    }

    private static Parameter parameter(NDManager m, float[] values) {
        Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(3))
                .optInitializer((manager, shape, type) -> manager.create(values.clone()))
                .build();
        w.initialize(m, DataType.FLOAT32);
        w.getArray().setRequiresGradient(true);
        return w;
    }

    /** Leaves exactly GRAD in w's gradient: d/dw of sum(w · GRAD). */
    private static void backward(NDManager m, Parameter w) {
        backward(m, w, GRAD);
    }

    /** Leaves exactly {@code grad} in w's gradient: d/dw of sum(w · grad). */
    private static void backward(NDManager m, Parameter w, float[] grad) {
        try (NDManager scratch = m.newSubManager()) {
            var old = w.getArray().getGradient();
            old.attach(scratch);
            old.subi(old);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(w.getArray().mul(scratch.create(grad)).sum());
            }
        }
    }
}
