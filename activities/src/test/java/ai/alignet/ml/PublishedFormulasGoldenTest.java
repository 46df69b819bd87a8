package ai.alignet.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.distill.DecayToInitAdam;
import ai.alignet.ml.distill.LearningRateSchedule;
import ai.alignet.ml.distill.TripletLosses;
import ai.alignet.ml.engine.ScalarOps;
import ai.alignet.ml.eval.AgreementEvaluator;
import ai.alignet.ml.eval.SpearmanRsa;
import ai.alignet.ml.teacher.TeacherLoss;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The method's formulas against an independent numpy re-implementation of the published ones
 * ({@code tools/method_reference.py}, golden .npz written by numpy): student JSD / KL at τ = 100,
 * the teacher's global, local and identity terms, optax's warm-up + cosine schedule, Adam with decay
 * to the initial weights, the human noise ceiling and Spearman RSA.
 */
class PublishedFormulasGoldenTest {

    private static Map<String, NpyArray> golden;

    @BeforeAll
    static void load() throws Exception {
        Path file = Path.of("src/test/resources/golden/method/method-golden.npz");
        golden = NpzArchive.read(Files.readAllBytes(file), file.toString());
    }

    private static double scalar(String name) {
        return golden.get(name).floats()[0];
    }

    private static NDArray array(NDManager m, String name) {
        NpyArray a = golden.get(name);
        long[] shape = new long[a.shape().length];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = a.shape()[i];
        }
        return m.create(a.floats(), new Shape(shape));
    }

    @Test
    void studentJsdAndKlAtTau100MatchTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = TripletLosses.teacherTarget(array(m, "student_target_sims"));
            NDArray q = TripletLosses.studentDistribution(array(m, "student_heads"), scalar("student_tau"));
            double[] expectedQ = golden.get("student_q").floats();
            double[] actualQ = q.toType(DataType.FLOAT64, false).toDoubleArray();
            for (int i = 0; i < expectedQ.length; i++) {
                assertThat(actualQ[i]).isCloseTo(expectedQ[i], offset(1e-12));
            }
            assertThat(TripletLosses.jsd(p, q).getDouble()).isCloseTo(scalar("student_jsd"), offset(1e-12));
            assertThat(TripletLosses.kl(p, q).getDouble()).isCloseTo(scalar("student_kl"), offset(1e-12));
        }
    }

    @Test
    void teacherTermsMatchTheReference() {
        try (NDManager m = NDManager.newBaseManager()) {
            assertThat(TeacherLoss.global(array(m, "teacher_zi"), array(m, "teacher_zj"), array(m, "teacher_zk")).getDouble())
                    .isCloseTo(scalar("teacher_global"), offset(1e-9));
            assertThat(TeacherLoss.local(array(m, "teacher_x"), array(m, "teacher_z"), scalar("teacher_tau_local"))
                    .toType(DataType.FLOAT64, false).getDouble()).isCloseTo(scalar("teacher_local"), offset(1e-9));
            assertThat(TeacherLoss.regulariser(array(m, "teacher_w")).getDouble())
                    .isCloseTo(scalar("teacher_regulariser"), offset(1e-9));
        }
    }

    @Test
    void learningRateScheduleIsOptaxWarmupCosineDecay() {
        for (String name : new String[] {"a", "b", "c"}) {
            double[] spec = golden.get("schedule_" + name).floats();
            double[] expected = golden.get("schedule_" + name + "_lr").floats();
            LearningRateSchedule schedule = new LearningRateSchedule(spec[2], spec[1], (int) spec[0]);
            for (int step = 0; step < expected.length; step++) {
                assertThat(schedule.at(step)).as("schedule %s step %d", name, step).isCloseTo(expected[step], offset(1e-15));
            }
        }
    }

    @Test
    void adamWithDecayToInitMatchesTheReferenceStepByStep() {
        double[] theta0 = golden.get("adam_theta0").floats();
        double[] target = golden.get("adam_target").floats();
        double[] rates = golden.get("adam_rates").floats();
        double[] expected = golden.get("adam_thetas").floats();
        try (NDManager m = NDManager.newBaseManager()) {
            float[] init = new float[theta0.length];
            for (int i = 0; i < init.length; i++) {
                init[i] = (float) theta0[i];
            }
            Parameter w = Parameter.builder().setName("w").setType(Parameter.Type.WEIGHT).optShape(new Shape(init.length))
                    .optInitializer((manager, shape, type) -> manager.create(init.clone())).build();
            w.initialize(m, DataType.FLOAT32);
            w.getArray().setRequiresGradient(true);
            NDArray goal = m.create(target).toType(DataType.FLOAT32, false);
            try (DecayToInitAdam adam = new DecayToInitAdam(List.of(new Pair<>("w", w)), 1.0)) {
                for (int step = 0; step < rates.length; step++) {
                    if (step > 0) {
                        adam.zeroGradients();
                    }
                    try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                        NDArray diff = w.getArray().sub(goal);
                        c.backward(ScalarOps.mul(diff.mul(diff).sum(), 0.5)); // gradient θ − target
                    }
                    adam.step(rates[step]);
                    float[] theta = w.getArray().toFloatArray();
                    for (int i = 0; i < theta.length; i++) {
                        assertThat((double) theta[i]).as("step %d, θ[%d]", step, i)
                                .isCloseTo(expected[step * theta.length + i], offset(2e-6));
                    }
                }
            }
        }
    }

    @Test
    void humanCeilingAndSpearmanMatchTheReference() {
        long[] votes = golden.get("ceiling_votes").ints();
        List<JudgedTriplet> triplets = new ArrayList<>();
        for (int t = 0; t < votes.length / 3; t++) {
            triplets.add(new JudgedTriplet(0, 1, 2, "all",
                    new int[] {(int) votes[3 * t], (int) votes[3 * t + 1], (int) votes[3 * t + 2]}));
        }
        assertThat(AgreementEvaluator.humanCeiling(triplets)).isCloseTo(scalar("ceiling"), offset(1e-12));
        assertThat(SpearmanRsa.correlate(golden.get("spearman_a").floats(), golden.get("spearman_b").floats()))
                .isCloseTo(scalar("spearman"), offset(1e-12));
    }
}
