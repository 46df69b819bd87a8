package ai.alignet.ml.distill;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Adam moments plus a pull back toward the pretrained weights θ0:
 * θ ← θ − lr·(m̂ / (√v̂ + ε) + w_d·(θ − θ0)). Written out by hand on the parameter arrays (rather than
 * DJL's Adam) so that its whole state — step count, m, v and θ0 — can be saved and restored exactly,
 * which bit-identical resumption after a crash needs.
 */
public final class DecayToInitAdam implements AutoCloseable {

    public static final double DEFAULT_DECAY_TO_INIT = 1.0;
    private static final int STATE_FORMAT = 1;

    private final List<Pair<String, Parameter>> parameters;
    private final double beta1;
    private final double beta2;
    private final double epsilon;
    private final double decayToInit;
    /** Owns m, v and θ0; a child of the parameters' manager, closed with the optimiser. */
    private final NDManager state;
    private final List<NDArray> firstMoments = new ArrayList<>();
    private final List<NDArray> secondMoments = new ArrayList<>();
    private final List<NDArray> initialWeights = new ArrayList<>();
    private int step;

    public DecayToInitAdam(List<Pair<String, Parameter>> parameters, double decayToInit) {
        this(parameters, 0.9, 0.999, 1e-8, decayToInit);
    }

    /** θ0 is taken to be the parameters' values now. */
    public DecayToInitAdam(List<Pair<String, Parameter>> parameters, double beta1, double beta2, double epsilon,
            double decayToInit) {
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("optimiser got no parameters; initialise the block before training it");
        }
        this.parameters = List.copyOf(parameters);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.epsilon = epsilon;
        this.decayToInit = decayToInit;
        this.state = parameters.get(0).getValue().getArray().getManager().newSubManager();
        for (Pair<String, Parameter> p : this.parameters) {
            NDArray theta = p.getValue().getArray();
            firstMoments.add(state.zeros(theta.getShape(), theta.getDataType()));
            secondMoments.add(state.zeros(theta.getShape(), theta.getDataType()));
            NDArray theta0 = theta.duplicate();
            theta0.attach(state);
            initialWeights.add(theta0);
        }
    }

    public int stepCount() {
        return step;
    }

    /** Clears accumulated gradients; PyTorch adds each backward pass onto the last. */
    public void zeroGradients() {
        try (NDManager scratch = state.newSubManager()) {
            for (Pair<String, Parameter> p : parameters) {
                NDArray grad = p.getValue().getArray().getGradient();
                grad.attach(scratch);
                grad.subi(grad);
            }
        }
    }

    /**
     * The step's constants as 0-dim arrays made once per step instead of once per parameter and op:
     * DJL's {@code muli(Number)} makes a tensor for the number (and converts it) on every call, ~250
     * extra JNI round trips a step for a 16-parameter student (~1 ms of a 35 ms CPU step). Each holds
     * the number rounded to the parameters' type, which is what DJL's number overloads multiply by, so
     * the update is unchanged bit for bit (DecayToInitAdamTest).
     */
    private final class StepScalars {
        final NDArray beta1;
        final NDArray oneMinusBeta1;
        final NDArray beta2;
        final NDArray oneMinusBeta2;
        final NDArray firstCorrection;
        final NDArray secondCorrection;
        final NDArray epsilon;
        final NDArray decayToInit;
        final NDArray lr;

        StepScalars(NDManager scratch, DataType type, double lr, double firstCorrection, double secondCorrection) {
            this.beta1 = scratch.create(DecayToInitAdam.this.beta1).toType(type, false);
            this.oneMinusBeta1 = scratch.create(1 - DecayToInitAdam.this.beta1).toType(type, false);
            this.beta2 = scratch.create(DecayToInitAdam.this.beta2).toType(type, false);
            this.oneMinusBeta2 = scratch.create(1 - DecayToInitAdam.this.beta2).toType(type, false);
            this.firstCorrection = scratch.create(firstCorrection).toType(type, false);
            this.secondCorrection = scratch.create(secondCorrection).toType(type, false);
            this.epsilon = scratch.create(DecayToInitAdam.this.epsilon).toType(type, false);
            this.decayToInit = scratch.create(DecayToInitAdam.this.decayToInit).toType(type, false);
            this.lr = scratch.create(lr).toType(type, false);
        }
    }

    /** One update with learning rate {@code lr}, from the gradients the last backward pass left. */
    public void step(double lr) {
        step++;
        double firstCorrection = 1 - Math.pow(beta1, step);
        double secondCorrection = 1 - Math.pow(beta2, step);
        // Per parameter type (all float32 in practice); the arrays die with the scratch manager.
        Map<DataType, StepScalars> scalars = new EnumMap<>(DataType.class);
        try (NDManager scratch = state.newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray theta = parameters.get(i).getValue().getArray();
                StepScalars c = scalars.computeIfAbsent(theta.getDataType(),
                        type -> new StepScalars(scratch, type, lr, firstCorrection, secondCorrection));
                NDArray grad = in(scratch, theta.getGradient());
                NDArray m = firstMoments.get(i);
                NDArray v = secondMoments.get(i);
                m.muli(c.beta1).addi(in(scratch, grad.mul(c.oneMinusBeta1)));
                v.muli(c.beta2).addi(in(scratch, grad.square()).muli(c.oneMinusBeta2));
                NDArray adamStep = in(scratch, m.div(c.firstCorrection))
                        .divi(in(scratch, v.div(c.secondCorrection)).sqrt().addi(c.epsilon));
                NDArray pullBack = in(scratch, theta.sub(initialWeights.get(i))).muli(c.decayToInit);
                theta.subi(adamStep.addi(pullBack).muli(c.lr));
            }
        }
    }

    private static NDArray in(NDManager scratch, NDArray array) {
        array.attach(scratch);
        return array;
    }

    /** Step count, then per parameter its name, m, v and θ0 as raw floats. */
    public byte[] saveState() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(STATE_FORMAT);
            out.writeInt(step);
            out.writeInt(parameters.size());
            for (int i = 0; i < parameters.size(); i++) {
                out.writeUTF(parameters.get(i).getKey());
                writeFloats(out, firstMoments.get(i).toFloatArray());
                writeFloats(out, secondMoments.get(i).toFloatArray());
                writeFloats(out, initialWeights.get(i).toFloatArray());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Replaces this optimiser's state with one saved by {@link #saveState} for the same parameters. */
    public void restoreState(byte[] saved) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            int format = in.readInt();
            if (format != STATE_FORMAT) {
                throw new IllegalArgumentException("optimiser state has format " + format + ", expected " + STATE_FORMAT
                        + "; it was written by another version of DecayToInitAdam and cannot be resumed");
            }
            int savedStep = in.readInt();
            int count = in.readInt();
            if (count != parameters.size()) {
                throw new IllegalArgumentException("optimiser state holds " + count + " parameters but the model has "
                        + parameters.size() + "; resume with the same student architecture");
            }
            List<float[][]> restored = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String name = in.readUTF();
                String expected = parameters.get(i).getKey();
                if (!name.equals(expected)) {
                    throw new IllegalArgumentException("optimiser state parameter " + i + " is '" + name + "' but the model's is '"
                            + expected + "'; resume with the same student architecture");
                }
                restored.add(new float[][] {readFloats(in), readFloats(in), readFloats(in)});
            }
            for (int i = 0; i < count; i++) {
                Shape shape = parameters.get(i).getValue().getArray().getShape();
                replace(firstMoments, i, restored.get(i)[0], shape);
                replace(secondMoments, i, restored.get(i)[1], shape);
                replace(initialWeights, i, restored.get(i)[2], shape);
            }
            step = savedStep;
        } catch (IOException e) {
            throw new IllegalArgumentException("optimiser state is truncated or corrupt (" + e.getMessage()
                    + "); resume from an earlier checkpoint", e);
        }
    }

    private void replace(List<NDArray> arrays, int i, float[] values, Shape shape) {
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("optimiser state for parameter '" + parameters.get(i).getKey() + "' has "
                    + values.length + " values, the model's has shape " + shape + "; resume with the same architecture");
        }
        arrays.get(i).close();
        arrays.set(i, state.create(values, shape));
    }

    private static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        out.writeInt(values.length);
        for (float v : values) {
            out.writeFloat(v);
        }
    }

    private static float[] readFloats(DataInputStream in) throws IOException {
        float[] values = new float[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    @Override
    public void close() {
        state.close();
    }
}
