package ai.alignet.ml.distill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.alignet.ml.world.SyntheticWorld;
import ai.alignet.ml.world.WorldConfig;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DistillerTest {

    private static final SyntheticWorld WORLD = SyntheticWorld.generate(new WorldConfig(3, 32, 2, 2, 8, 1, 2, 1.0));
    private static final List<ChwImage> IMAGES = WORLD.corpus().stream().map(WORLD::renderChw).toList();
    private static final List<LabelledTriplet> LABELS = AlignmentEffectTest.oracleLabels(WORLD.corpus(), 64, new Random(4));
    private static final BackboneDescriptor DESCRIPTOR = SyntheticBackbones.student("tiny-student", 17);

    @BeforeAll
    static void oneTorchThread() {
        TorchThreads.useOneIntraOpThread();
    }

    @Test
    void lossFallsOnATinyProblem() {
        DistillConfig cfg = new DistillConfig(40, 16, 5e-3, 0.1, 1.0, 100, "jsd", 256, 100, 1);
        DistillResult result = withStudent(17, cfg.headDim(), student -> new Distiller().run(inputs(student), cfg, null, null, null));
        List<Double> losses = result.lossHistory();
        assertThat(losses).hasSize(40);
        double first = losses.subList(0, 5).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double last = losses.subList(35, 40).stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        System.out.printf("tiny problem: loss %.4f -> %.4f%n", first, last);
        assertThat(last).isLessThan(first * 0.8);
        assertThat(result.finalLoss()).isEqualTo(losses.get(39));
    }

    @Test
    void resumingFromACheckpointEndsWithBitIdenticalParameters() {
        DistillConfig cfg = new DistillConfig(6, 8, 5e-3, 0.2, 1.0, 100, "jsd", 64, 3, 5);
        List<DistillCheckpoint> uninterruptedCheckpoints = new ArrayList<>();
        DistillResult uninterrupted = withStudent(17, cfg.headDim(),
                student -> new Distiller().run(inputs(student), cfg, null, uninterruptedCheckpoints::add, null));

        List<DistillCheckpoint> saved = new ArrayList<>();
        assertThatThrownBy(() -> withStudent(17, cfg.headDim(), student -> new Distiller().run(inputs(student), cfg, null, saved::add,
                (step, loss) -> {
                    if (step == 3) {
                        throw new IllegalStateException("worker lost");
                    }
                }))).hasMessage("worker lost");
        assertThat(saved).extracting(DistillCheckpoint::step).containsExactly(3);

        // A differently initialised student: only the checkpoint can make it end where the first run did.
        List<DistillCheckpoint> resumedCheckpoints = new ArrayList<>();
        DistillResult resumed = withStudent(99, cfg.headDim(),
                student -> new Distiller().run(inputs(student), cfg, saved.get(0), resumedCheckpoints::add, null));

        assertThat(resumed.lossHistory()).isEqualTo(uninterrupted.lossHistory());
        DistillCheckpoint a = uninterruptedCheckpoints.get(uninterruptedCheckpoints.size() - 1);
        DistillCheckpoint b = resumedCheckpoints.get(resumedCheckpoints.size() - 1);
        assertThat(b.step()).isEqualTo(6);
        assertThat(b.modelParams()).isEqualTo(a.modelParams());
        assertThat(b.optimizerState()).isEqualTo(a.optimizerState());
    }

    @Test
    void aNanLossStopsTrainingNamingTheStepAndBatch() {
        List<LabelledTriplet> poisoned = new ArrayList<>(LABELS);
        for (int i = 0; i < poisoned.size(); i++) {
            LabelledTriplet t = poisoned.get(i);
            poisoned.set(i, new LabelledTriplet(t.a(), t.b(), t.c(), Float.NaN, t.s02(), t.s12()));
        }
        DistillConfig cfg = new DistillConfig(3, 4, 1e-3, 0.0, 1.0, 100, "kl", 16, 1, 1);
        assertThatThrownBy(() -> withStudent(17, cfg.headDim(), student -> new Distiller()
                .run(new DistillInputs(DESCRIPTOR, student, IMAGES, poisoned), cfg, null, null, null)))
                .isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("at step 0")
                .hasMessageContaining("on batch labels [");
    }

    @Test
    void trainingLeavesNoIntermediateArraysInTheModelManager() {
        DistillConfig cfg = new DistillConfig(3, 4, 1e-3, 0.0, 1.0, 100, "kl", 16, 2, 1);
        BackboneDescriptor d = DESCRIPTOR;
        Block student = StudentModels.withHead(SyntheticBackbones.create(d), cfg.headDim(), 1);
        try (Model model = ModelFiles.newModel(d, student)) {
            int before = model.getNDManager().getManagedArrays().size();
            List<DistillCheckpoint> saved = new ArrayList<>();
            new Distiller().run(inputs(student), cfg, null, saved::add, null);
            assertThat(model.getNDManager().getManagedArrays().size()).isEqualTo(before);
            new Distiller().run(inputs(student), cfg, saved.get(0), null, null);
            assertThat(model.getNDManager().getManagedArrays().size()).isEqualTo(before);
        }
    }

    private static DistillInputs inputs(Block student) {
        return new DistillInputs(DESCRIPTOR, student, IMAGES, LABELS);
    }

    private static DistillResult withStudent(long seed, int headDim, Function<Block, DistillResult> training) {
        BackboneDescriptor d = SyntheticBackbones.student("tiny-student", seed);
        Block student = StudentModels.withHead(SyntheticBackbones.create(d), headDim, seed);
        try (Model model = ModelFiles.newModel(d, student)) {
            return training.apply(student);
        }
    }
}
