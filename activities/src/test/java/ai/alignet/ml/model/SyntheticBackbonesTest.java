package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.world.SimulatedPeople;
import ai.alignet.ml.world.SyntheticWorld;
import ai.alignet.ml.world.WorldConfig;
import ai.alignet.ml.world.WorldImage;
import ai.djl.Model;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticBackbonesTest {

    private static SyntheticWorld world;
    private static EmbeddingMatrix corpusEmbeddings;
    private static EmbeddingMatrix levelsEmbeddings;

    @BeforeAll
    static void embedTheDemoWorldWithTheBaseTeacher() {
        world = SyntheticWorld.generate(WorldConfig.demo());
        BackboneDescriptor teacher = SyntheticBackbones.teacher(11);
        try (Model model = ModelFiles.newModel(teacher); Embedder embedder = new Embedder(model, teacher)) {
            corpusEmbeddings = embedder.embed(world.corpus().stream().map(world::renderChw).toList(), 128);
            levelsEmbeddings = embedder.embed(world.levels().stream().map(world::renderChw).toList(), 128);
        }
    }

    @Test
    void baseTeacherJudgesByAppearanceSoItAgreesPoorlyWithPeopleOnCoarseTriplets() {
        SimulatedPeople people = new SimulatedPeople(world, world.config().humanNoise(), 3);
        List<JudgedTriplet> levels = people.levelsTriplets(world.levels(), 300, 15);
        double coarse = OddOneOutChoice.agreement(levelsEmbeddings, levels, "coarse");
        System.out.printf("base teacher agreement: coarse %.3f fine %.3f boundary %.3f%n", coarse,
                OddOneOutChoice.agreement(levelsEmbeddings, levels, "fine"),
                OddOneOutChoice.agreement(levelsEmbeddings, levels, "boundary"));
        assertThat(coarse).isLessThan(0.6);
    }

    @Test
    void baseTeacherEmbeddingStillHoldsTheCategoryForALinearReadout() {
        LinearReadout readout = LinearReadout.fit(corpusEmbeddings, categories(world.corpus()),
                world.categories().size(), 1.0);
        double accuracy = readout.accuracy(levelsEmbeddings, categories(world.levels()));
        System.out.printf("linear readout of basic category from base teacher: %.3f%n", accuracy);
        assertThat(accuracy).isGreaterThan(0.7);
    }

    private static int[] categories(List<WorldImage> images) {
        return images.stream().mapToInt(WorldImage::category).toArray();
    }
}
