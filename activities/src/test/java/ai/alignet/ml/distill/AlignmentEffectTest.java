package ai.alignet.ml.distill;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.Embedder;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.OddOneOutChoice;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.alignet.ml.world.SimulatedPeople;
import ai.alignet.ml.world.SyntheticWorld;
import ai.alignet.ml.world.WorldConfig;
import ai.alignet.ml.world.WorldImage;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The paper's effect, end to end on the synthetic world but without a teacher model: a student distilled
 * from hierarchy-scored corpus triplets agrees with simulated people on coarse Levels triplets clearly
 * more than its appearance-driven base model does.
 */
class AlignmentEffectTest {

    @BeforeAll
    static void oneTorchThread() {
        TorchThreads.useOneIntraOpThread();
    }

    @ParameterizedTest
    @ValueSource(longs = {7, 13, 21})
    void distillingHierarchyLabelsRaisesCoarseAgreementWithPeople(long seed) {
        long started = System.nanoTime();
        SyntheticWorld world = SyntheticWorld.generate(WorldConfig.demo().withSeed(seed));
        List<ChwImage> corpus = world.corpus().stream().map(world::renderChw).toList();
        List<ChwImage> levelsImages = world.levels().stream().map(world::renderChw).toList();
        List<JudgedTriplet> levels = new SimulatedPeople(world, world.config().humanNoise(), seed + 1)
                .levelsTriplets(world.levels(), 200, 15);
        BackboneDescriptor descriptor = SyntheticBackbones.student("student", seed);
        DistillConfig cfg = DistillConfig.demo().withSeed(seed);

        double baseline;
        try (Model base = ModelFiles.newModel(descriptor); Embedder embedder = new Embedder(base, descriptor)) {
            baseline = OddOneOutChoice.agreement(embedder.embed(levelsImages, 128), levels, "coarse");
        }
        double aligned;
        DistillResult result;
        Block student = StudentModels.withHead(SyntheticBackbones.create(descriptor), cfg.headDim(), seed);
        try (Model model = ModelFiles.newModel(descriptor, student)) {
            List<LabelledTriplet> labels = oracleLabels(world.corpus(), 4000, new Random(seed));
            result = new Distiller().run(new DistillInputs(descriptor, student, corpus, labels), cfg, null, null, null);
            try (Embedder embedder = new Embedder(model, descriptor)) {
                aligned = OddOneOutChoice.agreement(embedder.embed(levelsImages, 128), levels, "coarse");
            }
        }
        System.out.printf("seed %d: coarse agreement baseline %.3f -> aligned %.3f; loss %.4f -> %.4f; %.1f s%n", seed,
                baseline, aligned, result.lossHistory().get(0), result.finalLoss(), (System.nanoTime() - started) / 1e9);
        assertThat(aligned).isGreaterThanOrEqualTo(baseline + 0.05);
    }

    /** Corpus triplets scored by the hierarchy itself, in label order (odd one out last, s12 smallest). */
    static List<LabelledTriplet> oracleLabels(List<WorldImage> images, int count, Random random) {
        List<LabelledTriplet> labels = new ArrayList<>(count);
        while (labels.size() < count) {
            int[] t = {random.nextInt(images.size()), random.nextInt(images.size()), random.nextInt(images.size())};
            if (t[0] == t[1] || t[0] == t[2] || t[1] == t[2]) {
                continue;
            }
            double[] pairWithout = {
                oracle(images.get(t[1]), images.get(t[2])), oracle(images.get(t[0]), images.get(t[2])),
                oracle(images.get(t[0]), images.get(t[1]))};
            int odd = 0;
            for (int p = 1; p < 3; p++) {
                if (pairWithout[p] > pairWithout[odd]) {
                    odd = p;
                }
            }
            int a = t[(odd + 1) % 3];
            int b = t[(odd + 2) % 3];
            int c = t[odd];
            if (oracle(images.get(a), images.get(c)) < oracle(images.get(b), images.get(c))) {
                int swap = a;
                a = b;
                b = swap;
            }
            labels.add(new LabelledTriplet(a, b, c, (float) oracle(images.get(a), images.get(b)),
                    (float) oracle(images.get(a), images.get(c)), (float) oracle(images.get(b), images.get(c))));
        }
        return labels;
    }

    private static double oracle(WorldImage x, WorldImage y) {
        if (x.category() == y.category()) {
            return 5.0;
        }
        return x.superordinate() == y.superordinate() ? 2.5 : 0.0;
    }
}
