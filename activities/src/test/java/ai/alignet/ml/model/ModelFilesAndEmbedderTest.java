package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.world.SyntheticWorld;
import ai.alignet.ml.world.WorldConfig;
import ai.djl.Model;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelFilesAndEmbedderTest {

    private static final SyntheticWorld WORLD = SyntheticWorld.generate(WorldConfig.demo());
    private static final List<ChwImage> IMAGES = WORLD.things().subList(0, 10).stream().map(WORLD::renderChw).toList();

    @Test
    void sameSeedGivesTheSameNetworkAndAnotherSeedADifferentOne() {
        EmbeddingMatrix first = embed(SyntheticBackbones.student("s", 1));
        EmbeddingMatrix again = embed(SyntheticBackbones.student("s", 1));
        EmbeddingMatrix other = embed(SyntheticBackbones.student("s", 2));
        assertThat(first.rows()).isEqualTo(10);
        assertThat(first.dim()).isEqualTo(64);
        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void teacherIsWiderThanStudents() {
        assertThat(embed(SyntheticBackbones.teacher(3)).dim()).isEqualTo(128);
    }

    @Test
    void savedParametersLoadIntoAFreshBlockAndEmbedIdentically(@TempDir Path dir) {
        BackboneDescriptor d = SyntheticBackbones.student("student-a", 5);
        EmbeddingMatrix before;
        try (Model model = ModelFiles.newModel(d); Embedder embedder = new Embedder(model, d)) {
            before = embedder.embed(IMAGES, 4);
            ModelFiles.save(model, dir);
        }
        // A block built from another seed, so only the loaded parameters can make the outputs match.
        BackboneDescriptor otherSeed = SyntheticBackbones.student("student-a", 99);
        try (Model loaded = ModelFiles.load(d, dir, SyntheticBackbones.create(otherSeed));
                Embedder embedder = new Embedder(loaded, d)) {
            assertThat(embedder.embed(IMAGES, 4)).isEqualTo(before);
        }
    }

    @Test
    void loadingFromAnEmptyFolderNamesTheFolderAndTheExpectedFile(@TempDir Path dir) {
        BackboneDescriptor d = SyntheticBackbones.student("missing", 5);
        assertThatThrownBy(() -> ModelFiles.load(d, dir, SyntheticBackbones.create(d)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(dir.toString())
                .hasMessageContaining("missing-NNNN.params");
    }

    @Test
    void batchSizeDoesNotChangeEmbeddingsAndNothingLeaksIntoTheModelManager() {
        BackboneDescriptor d = SyntheticBackbones.student("s", 1);
        try (Model model = ModelFiles.newModel(d); Embedder embedder = new Embedder(model, d)) {
            int arraysBefore = model.getNDManager().getManagedArrays().size();
            EmbeddingMatrix whole = embedder.embed(IMAGES, 10);
            EmbeddingMatrix pieces = embedder.embed(IMAGES, 3);
            for (int r = 0; r < whole.rows(); r++) {
                for (int c = 0; c < whole.dim(); c++) {
                    assertThat(pieces.get(r, c)).isCloseTo(whole.get(r, c), org.assertj.core.data.Offset.offset(1e-4f));
                }
            }
            assertThat(model.getNDManager().getManagedArrays().size()).isEqualTo(arraysBefore);
        }
    }

    @Test
    void decodesPngToTheRenderedChwValuesAndResizes() {
        byte[] png = WORLD.renderPng(WORLD.things().get(0));
        assertThat(ImageDecoder.decodeChw(png, 32)).isEqualTo(WORLD.renderChw(WORLD.things().get(0)));
        float[] small = ImageDecoder.decodeChw(png, 16).toUnitFloats();
        assertThat(small).hasSize(3 * 16 * 16);
        for (float v : small) {
            assertThat(v).isBetween(0f, 1f);
        }
    }

    @Test
    void undecodableBytesFailWithAMessageSayingWhatIsWrong() {
        assertThatThrownBy(() -> ImageDecoder.decodeChw(new byte[] {1, 2, 3, 4}, 32))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("4 bytes")
                .hasMessageContaining("not a PNG or JPEG");
    }

    @Test
    void descriptorValidationListsEveryProblem() {
        assertThatThrownBy(() -> new BackboneDescriptor("x", "onnx", "a", 4, new float[] {0.5f}, new float[] {1, 1, 0}, 0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 'onnx'")
                .hasMessageContaining("imageSize")
                .hasMessageContaining("mean and std")
                .hasMessageContaining("embeddingDim");
        assertThatThrownBy(() -> SyntheticBackbones.create(new BackboneDescriptor("x", "djl-synthetic", "resnet", 32,
                new float[] {0, 0, 0}, new float[] {1, 1, 1}, 64, 1)))
                .hasMessageContaining("unknown architecture 'resnet'");
    }

    private static EmbeddingMatrix embed(BackboneDescriptor d) {
        try (Model model = ModelFiles.newModel(d); Embedder embedder = new Embedder(model, d)) {
            return embedder.embed(IMAGES, 4);
        }
    }
}
