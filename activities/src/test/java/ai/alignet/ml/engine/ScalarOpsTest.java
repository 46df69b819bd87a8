package ai.alignet.ml.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.distill.TripletLosses;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.alignet.ml.teacher.TeacherLoss;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The losses' gradients must not read memory the garbage collector has freed. A background thread
 * keeps the collector busy and refills freed direct memory with NaN, so a backward pass that reads a
 * freed scalar (what DJL's {@code NDArray.div(Number)} left behind, see {@link ScalarOps}) shows up as
 * a changed or NaN gradient within a few hundred passes; with {@link ScalarOps} every pass is identical.
 */
class ScalarOpsTest {

    private static final int PASSES = 600;

    private Thread pressure;
    private volatile boolean running;

    @BeforeEach
    void startGcPressure() {
        running = true;
        pressure = new Thread(() -> {
            List<ByteBuffer> held = new ArrayList<>();
            while (running) {
                for (int k = 0; k < 50; k++) {
                    ByteBuffer b = ByteBuffer.allocateDirect(4096 * (1 + k % 64)).order(ByteOrder.nativeOrder());
                    while (b.remaining() >= 4) {
                        b.putFloat(Float.NaN);
                    }
                    held.add(b);
                }
                held.clear();
                System.gc();
            }
        }, "gc-pressure");
        pressure.setDaemon(true);
        pressure.start();
    }

    @AfterEach
    void stopGcPressure() throws InterruptedException {
        running = false;
        pressure.join();
    }

    @Test
    void scalarOpsMatchDjlNumberOverloadsWithoutGc() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {1.5f, -2f, 3.25f});
            assertThat(ScalarOps.mul(x, 0.3f).toFloatArray()).containsExactly(x.mul(0.3f).toFloatArray());
            assertThat(ScalarOps.div(x, 100.0).toFloatArray()).containsExactly(x.div(100.0).toFloatArray());
            assertThat(ScalarOps.add(x, 1e-12f).toFloatArray()).containsExactly(x.add(1e-12f).toFloatArray());
            assertThat(ScalarOps.div(x, 2).getDataType()).isEqualTo(x.getDataType());
        }
    }

    @Test
    void teacherLocalLossGradientIsTheSameOnEveryPassUnderGcPressure() {
        assertStableGradient(z -> TeacherLoss.local(z, z.mul(z), 0.1));
    }

    @Test
    void studentJsdGradientIsTheSameOnEveryPassUnderGcPressure() {
        assertStableGradient(z -> {
            NDArray heads = z.reshape(-1, 3, 16);
            NDArray target = heads.get(":, :, 0").stopGradient().softmax(-1);
            return TripletLosses.jsd(target, TripletLosses.studentDistribution(heads, 0.5));
        });
    }

    @Test
    void studentBackboneInputGradientIsTheSameOnEveryPassUnderGcPressure() throws Exception {
        // The synthetic student's scale blocks multiply by a gain inside the trained network.
        BackboneDescriptor d = SyntheticBackbones.student("gc-student", 5);
        try (Model model = ModelFiles.newModel(d)) {
            Block block = model.getBlock();
            assertStableGradient(z -> block.forward(new ParameterStore(z.getManager(), false),
                    new NDList(z.reshape(-1, 3, d.imageSize(), d.imageSize())), true).singletonOrThrow().sum(),
                    2 * 3 * d.imageSize() * d.imageSize());
        }
    }

    private static void assertStableGradient(Function<NDArray, NDArray> loss) {
        assertStableGradient(loss, 96 * 16);
    }

    private static void assertStableGradient(Function<NDArray, NDArray> loss, int size) {
        Random random = new Random(7);
        float[] values = new float[size];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        float[] first = null;
        int differing = 0;
        try (NDManager root = NDManager.newBaseManager()) {
            for (int pass = 0; pass < PASSES; pass++) {
                try (NDManager scope = root.newSubManager()) {
                    NDArray z = scope.create(values, new Shape(size / 16, 16));
                    z.setRequiresGradient(true);
                    float[] gradient;
                    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                        collector.backward(loss.apply(z));
                        gradient = z.getGradient().toFloatArray();
                    }
                    if (first == null) {
                        first = gradient;
                    } else if (!java.util.Arrays.equals(first, gradient)) {
                        differing++;
                    }
                }
            }
        }
        assertThat(first).doesNotContain(Float.NaN);
        assertThat(differing).as("passes whose gradient differed from the first").isZero();
    }
}
