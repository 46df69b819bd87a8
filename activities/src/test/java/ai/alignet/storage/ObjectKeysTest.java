package ai.alignet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.CacheKeys;
import ai.alignet.pipeline.stages.StageContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys built from user input (workflow ids, run and student names) cannot leave their prefix. */
class ObjectKeysTest {

    @Test
    void acceptsTheKeysTheStagesBuild() {
        StageContext context = new StageContext("alignet-synthetic-tiny-20261129-004400-ab12cd", "distill",
                "0123456789abcdef0123456789abcdef", "d1");
        assertThat(ObjectKeys.requireObjectKey(context.prefix() + "checkpoints/step-000000020.ckpt")).isNotBlank();
        assertThat(ObjectKeys.requireObjectKey("stages/report/alignet-synthetic-tiny-20261129/report.json")).isNotBlank();
        assertThat(ObjectKeys.requirePrefix(context.prefix())).endsWith("/");
        assertThat(ObjectKeys.requirePrefix("")).isEmpty();
    }

    @Test
    void anyWorkflowIdBecomesASafeReportKeySegment() {
        for (String id : List.of("../../etc", "..", "run with spaces", "ünïcödé/💥", "a/b", "x".repeat(300))) {
            String segment = CacheKeys.keySegment(id);
            assertThat(segment).as(id).startsWith("id-").doesNotContain("/");
            assertThat(ObjectKeys.requireObjectKey("stages/report/" + segment + "/report.json")).isNotBlank();
        }
        assertThat(CacheKeys.keySegment("alignet-synthetic-tiny-20261129-004400-ab12cd"))
                .isEqualTo("alignet-synthetic-tiny-20261129-004400-ab12cd");
    }

    @Test
    void rejectsTraversalAbsoluteAndOddKeysNamingTheProblem() {
        List<String> bad = List.of("stages/report/../../secrets/x", "../x", "a/./b", "/etc/passwd", "a//b", "a/b/",
                "stages/report/run id/report.json", "stages/report/ünï/x", "a\\..\\b", "a\u0000b", "a/b?c", " ", "");
        for (String key : bad) {
            assertThatThrownBy(() -> ObjectKeys.requireObjectKey(key)).as(key)
                    .isInstanceOf(ObjectKeys.InvalidKeyException.class)
                    .hasMessageContaining("is not allowed");
        }
        assertThatThrownBy(() -> ObjectKeys.requireObjectKey("x".repeat(ObjectKeys.MAX_LENGTH + 1)))
                .hasMessageContaining("longer than");
        assertThatThrownBy(() -> ObjectKeys.requireObjectKey("stages/../x")).hasMessageContaining("'..' segment");
        assertThatThrownBy(() -> ObjectKeys.requirePrefix("../")).hasMessageContaining("'..' segment");
    }

    @Test
    void theStoreRefusesABadKeyBeforeTouchingTheServer() {
        // Nothing listens on port 1: any request would fail as StoreUnavailable, not as an invalid key.
        try (S3ArtifactStore store = new S3ArtifactStore(
                new StoreConfig("http://127.0.0.1:1", "key", "secret-value", "bucket", StoreConfig.DEFAULT_REGION))) {
            assertThatThrownBy(() -> store.put("stages/report/../../escape", new byte[] {1}))
                    .isInstanceOf(ObjectKeys.InvalidKeyException.class);
            assertThatThrownBy(() -> store.stat("/absolute")).isInstanceOf(ObjectKeys.InvalidKeyException.class);
            assertThatThrownBy(() -> store.list("a/../../")).isInstanceOf(ObjectKeys.InvalidKeyException.class);
            assertThatThrownBy(() -> store.get(new ArtifactRef("x/../y", "0".repeat(64), 1)))
                    .isInstanceOf(ObjectKeys.InvalidKeyException.class);
        }
    }
}
