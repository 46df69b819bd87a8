package ai.alignet.pipeline.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class SpecParserTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void presetAloneResolvesToTheDemo() throws Exception {
        PipelineSpec spec = SpecParser.parse(json("{\"preset\": \"synthetic-demo\"}"));
        assertThat(spec.preset()).isEqualTo("synthetic-demo");
        assertThat(spec.students()).extracting(StudentSpec::name).containsExactly("student-a", "student-b");
        assertThat(spec.labels().sampling()).isEqualTo("cluster_border_12");
        assertThat(spec.students().get(0).tau()).isEqualTo(100.0);
        assertThat(spec.students().get(0).loss()).isEqualTo("jsd");
    }

    @Test
    void emptyObjectAndNullMeanTheDemo() throws Exception {
        assertThat(SpecParser.parse(json("{}"))).isEqualTo(SpecParser.parse(json("{\"preset\":\"synthetic-demo\"}")));
        assertThat(SpecParser.parse(null).preset()).isEqualTo("synthetic-demo");
    }

    @Test
    void fieldsOverrideThePreset() throws Exception {
        PipelineSpec spec = SpecParser.parse(json(
                "{\"preset\":\"synthetic-tiny\",\"seed\":11,\"world\":{\"raters\":7},"
                        + "\"students\":[{\"name\":\"vit\",\"steps\":5,\"loss\":\"kl\"}]}"));
        assertThat(spec.seed()).isEqualTo(11);
        assertThat(spec.world().raters()).isEqualTo(7);
        assertThat(spec.world().corpusPerCategory()).isEqualTo(20);
        assertThat(spec.students()).hasSize(1);
        assertThat(spec.students().get(0).steps()).isEqualTo(5);
        assertThat(spec.students().get(0).loss()).isEqualTo("kl");
        assertThat(spec.students().get(0).batchSize()).isEqualTo(32);
    }

    @Test
    void reportsEveryBadFieldAtOnce() throws Exception {
        JsonNode bad = json("{\"presett\":\"x\",\"seed\":\"seven\",\"world\":{\"imageSize\":3,\"raters\":2.5},"
                + "\"teacher\":{\"alpha\":2},\"students\":[{\"name\":\"a\",\"loss\":\"mse\",\"steps\":-1},"
                + "{\"name\":\"a\"}],\"labels\":{\"sampling\":\"cluster_border_9\"}}");
        assertThatThrownBy(() -> SpecParser.parse(bad))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::path)
                        .containsExactlyInAnyOrder(
                                "presett",
                                "seed",
                                "world.imageSize",
                                "world.raters",
                                "teacher.alpha",
                                "labels.sampling",
                                "students[0].steps",
                                "students[0].loss",
                                "students[1].name"))
                .hasMessageContaining("presett: unknown field")
                .hasMessageContaining("seed: must be an integer")
                .hasMessageContaining("students[0].loss: unknown value 'mse'; valid: jsd, kl")
                .hasMessageContaining("labels.sampling: 'cluster_border_9' needs labels.clusters = 9");
    }

    @Test
    void rejectsNonObjectsAndUnknownPresets() throws Exception {
        assertThatThrownBy(() -> SpecParser.parse(json("[1,2]")))
                .isInstanceOf(InvalidSpecException.class)
                .hasMessageContaining("$: the spec must be a JSON object");
        assertThatThrownBy(() -> SpecParser.parse(json("{\"preset\":\"imagenet\"}")))
                .hasMessageContaining("preset: unknown preset 'imagenet'; valid presets: synthetic-demo, synthetic-tiny");
        assertThatThrownBy(() -> SpecParser.parse(json("{\"students\":[]}")))
                .hasMessageContaining("students: needs at least one student");
        assertThatThrownBy(() -> SpecParser.parse(json("{\"world\":[]}")))
                .hasMessageContaining("world: must be a JSON object, got an array");
    }

    @Test
    void rejectsHugeAndNonFiniteValues() throws Exception {
        assertThatThrownBy(() -> SpecParser.parse(json("{\"students\":[{\"steps\":99999999999999999999}]}")))
                .hasMessageContaining("students[0].steps: must be an integer");
        assertThatThrownBy(() -> SpecParser.parse(json("{\"teacher\":{\"lambda\":1e400}}")))
                .hasMessageContaining("teacher.lambda: must be between");
    }

    @Test
    void digestIsStableAndSensitive() throws Exception {
        PipelineSpec a = SpecParser.parse(json("{\"seed\": 1}"));
        PipelineSpec b = SpecParser.parse(json("{\"seed\": 1}"));
        PipelineSpec c = SpecParser.parse(json("{\"seed\": 2}"));
        assertThat(SpecDigest.of(a)).isEqualTo(SpecDigest.of(b)).hasSize(64);
        assertThat(SpecDigest.of(a)).isNotEqualTo(SpecDigest.of(c));
    }

    @Test
    void echoesOnlyTheStartOfAHugeValue() throws Exception {
        String huge = "x".repeat(100_000);
        assertThatThrownBy(() -> SpecParser.parse(json("{\"name\": \"" + huge + "\", \"" + huge + "\": 1}")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> {
                    assertThat(e.getMessage()).hasSizeLessThan(2_000).contains("name: must be").contains("xxx...");
                    assertThat(e.errors()).hasSize(2);
                });
    }

    @Test
    void releasedLabelsNeedBothPrefixesAndKeepOtherDigestsUnchanged() throws Exception {
        PipelineSpec spec = SpecParser.parse(json("{\"labels\": {\"released\": "
                + "{\"import\": \"imports/alignet-labels/abc\", \"images\": \"datasets/imagenet/train/\"}}}"));
        assertThat(spec.labels().fromReleased()).isTrue();
        assertThat(spec.labels().released()).isEqualTo(
                new ReleasedLabels("imports/alignet-labels/abc/", "datasets/imagenet/train/"));
        assertThat(SpecDigest.of(spec)).isNotEqualTo(SpecDigest.of(SpecParser.parse(json("{}"))));
        // A spec without the field canonicalises exactly as before the field existed.
        assertThat(SpecDigest.canonicalJson(SpecParser.parse(json("{}")).labels())).doesNotContain("released");

        assertThatThrownBy(() -> SpecParser.parse(json("{\"labels\": {\"released\": {\"images\": \"/abs/path\", \"x\": 1}}}")))
                .isInstanceOfSatisfying(InvalidSpecException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::path)
                        .containsExactlyInAnyOrder("labels.released.x", "labels.released.import", "labels.released.images"))
                .hasMessageContaining("labels.released.import: is required: the prefix './alignet labels import FILE' printed")
                .hasMessageContaining("labels.released.images: must be a store key prefix without a leading '/'");
    }
}
