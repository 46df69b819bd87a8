package ai.alignet.ml.world;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.data.Triplet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SyntheticWorldTest {

    private final SyntheticWorld world = SyntheticWorld.generate(WorldConfig.demo());

    @Test
    void sameSeedRendersByteIdenticalPngsAndAnotherSeedDoesNot() {
        SyntheticWorld again = SyntheticWorld.generate(WorldConfig.demo());
        SyntheticWorld other = SyntheticWorld.generate(WorldConfig.demo().withSeed(8));
        for (int i = 0; i < 20; i++) {
            assertThat(again.renderPng(again.corpus().get(i))).isEqualTo(world.renderPng(world.corpus().get(i)));
        }
        int differing = 0;
        for (int i = 0; i < 20; i++) {
            if (!java.util.Arrays.equals(other.renderPng(other.corpus().get(i)), world.renderPng(world.corpus().get(i)))) {
                differing++;
            }
        }
        assertThat(differing).isEqualTo(20);
    }

    @Test
    void hasReadableCategoriesAndThreeDisjointImageSetsOfTheConfiguredSizes() {
        assertThat(world.categories()).hasSize(12);
        assertThat(world.categories()).extracting(Category::superordinateName).containsOnly("animal", "plant", "vehicle");
        assertThat(world.categories().stream().map(Category::name).distinct().count()).isEqualTo(12);
        assertThat(world.corpus()).hasSize(12 * 80);
        assertThat(world.things()).hasSize(12 * 20);
        assertThat(world.levels()).hasSize(12 * 20);
        Set<String> ids = new HashSet<>();
        Set<Long> renderSeeds = new HashSet<>();
        Stream.of(world.corpus(), world.things(), world.levels()).flatMap(List::stream).forEach(image -> {
            ids.add(image.id());
            renderSeeds.add(image.renderSeed());
        });
        assertThat(ids).hasSize(12 * 120);
        assertThat(renderSeeds).hasSize(12 * 120);
    }

    @Test
    void appearanceCutsAcrossTheHierarchy() {
        // Every colour appears in every superordinate: colour says nothing about what a thing is.
        Set<String> colourBySuperordinate = new HashSet<>();
        world.corpus().forEach(image -> colourBySuperordinate.add(image.superordinate() + "/" + image.colour()));
        assertThat(colourBySuperordinate).hasSize(3 * SyntheticWorld.PALETTE.size());
    }

    @Test
    void levelsTripletsOfEachTypeMatchTheirDefinitions() {
        SimulatedPeople people = new SimulatedPeople(world, 1.0, 5);
        List<JudgedTriplet> triplets = people.levelsTriplets(world.levels(), 50, 7);
        assertThat(triplets).hasSize(150);
        for (JudgedTriplet t : triplets) {
            assertThat(t.totalVotes()).isEqualTo(7);
            boolean someOrderFits = false;
            for (int odd = 0; odd < 3; odd++) {
                WorldImage a = world.levels().get(t.item((odd + 1) % 3));
                WorldImage b = world.levels().get(t.item((odd + 2) % 3));
                WorldImage c = world.levels().get(t.item(odd));
                someOrderFits |= SimulatedPeople.isOfType(t.type(), a, b, c);
            }
            assertThat(someOrderFits).as("triplet %s is a valid '%s' triplet", t, t.type()).isTrue();
        }
        // Shuffled: the odd one out is not always in the same position.
        assertThat(triplets.stream().map(JudgedTriplet::majorityOddPosition).distinct().count()).isEqualTo(3);
    }

    @Test
    void oneSimulatedPersonAgreesWithTheOthersClearlyAboveChanceButNotAlways() {
        SimulatedPeople people = new SimulatedPeople(world, world.config().humanNoise(), 9);
        List<JudgedTriplet> triplets = people.levelsTriplets(world.levels(), 200, 11);
        int agreed = 0;
        for (JudgedTriplet t : triplets) {
            int[] votes = t.oddOneOutVotes();
            int loneRater = people.chooseOddOneOut(world.levels().get(t.a()), world.levels().get(t.b()), world.levels().get(t.c()));
            if (loneRater == t.majorityOddPosition()) {
                agreed++;
            }
            assertThat(votes[0] + votes[1] + votes[2]).isEqualTo(11);
        }
        double agreement = (double) agreed / triplets.size();
        System.out.printf("human-to-human agreement on levels triplets: %.3f%n", agreement);
        assertThat(agreement).isBetween(0.7, 0.95);
    }

    @Test
    void judgedTripletsAreDistinctAndPutTheOddOneOutLast() {
        SimulatedPeople nearlyNoiseless = new SimulatedPeople(world, 0.05, 1);
        List<Triplet> triplets = nearlyNoiseless.judge(world.things(), 500);
        assertThat(triplets).hasSize(500);
        Set<Set<Integer>> distinct = new HashSet<>();
        for (Triplet t : triplets) {
            distinct.add(Set.of(t.i(), t.j(), t.k()));
            double pair = nearlyNoiseless.similarity(world.things().get(t.i()), world.things().get(t.j()));
            assertThat(pair).isGreaterThanOrEqualTo(nearlyNoiseless.similarity(world.things().get(t.i()), world.things().get(t.k())));
            assertThat(pair).isGreaterThanOrEqualTo(nearlyNoiseless.similarity(world.things().get(t.j()), world.things().get(t.k())));
        }
        assertThat(distinct).hasSize(500);
    }

    @Test
    void rejectsAnImpossibleConfigNamingEveryBadField() {
        assertThatThrownBy(() -> new WorldConfig(1, 8, 9, 1, 10, 10, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("imageSize")
                .hasMessageContaining("superordinates")
                .hasMessageContaining("basicPerSuperordinate")
                .hasMessageContaining("humanNoise");
    }

    @Test
    void simulatedReactionTimesGrowWithChoiceUncertaintyAndAreSeeded() {
        List<JudgedTriplet> triplets = new SimulatedPeople(world, 1.0, 9).levelsTriplets(world.levels(), 100, 9);
        SimulatedPeople people = new SimulatedPeople(world, 1.0, 9);
        double[] entropy = new double[triplets.size()];
        double[] meanRt = new double[triplets.size()];
        for (int n = 0; n < triplets.size(); n++) {
            JudgedTriplet t = triplets.get(n);
            assertThat(t.reactionTimesMs()).hasSize(9);
            for (double rt : t.reactionTimesMs()) {
                assertThat(rt).isPositive().isEqualTo(Math.rint(rt));
            }
            entropy[n] = people.choiceEntropy(world.levels().get(t.a()), world.levels().get(t.b()), world.levels().get(t.c()));
            meanRt[n] = t.meanReactionTimeMs();
        }
        // Mean times per triplet track the people's own choice entropy despite the trial noise.
        assertThat(ai.alignet.ml.eval.PearsonCorrelation.correlate(entropy, meanRt)).isGreaterThan(0.5);
        // Seeded: the same people give the same times.
        List<JudgedTriplet> again = new SimulatedPeople(world, 1.0, 9).levelsTriplets(world.levels(), 100, 9);
        for (int n = 0; n < triplets.size(); n++) {
            assertThat(again.get(n).reactionTimesMs()).containsExactly(triplets.get(n).reactionTimesMs());
        }
    }
}
