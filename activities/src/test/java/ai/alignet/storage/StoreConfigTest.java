package ai.alignet.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StoreConfigTest {

    private static final Map<String, String> REQUIRED = Map.of(
            "S3_ENDPOINT", "http://127.0.0.1:8333",
            "S3_ACCESS_KEY", "alignet",
            "S3_SECRET_KEY", "s3cr3t-value");

    @Test
    void readsRequiredVariablesAndDefaultsTheRest() {
        StoreConfig config = StoreConfig.fromEnvironment(REQUIRED);

        assertThat(config).isEqualTo(new StoreConfig(
                "http://127.0.0.1:8333", "alignet", "s3cr3t-value", "alignet", "us-east-1"));
    }

    @Test
    void bucketAndRegionCanBeOverridden() {
        var env = new java.util.HashMap<>(REQUIRED);
        env.put("ALIGNET_BUCKET", "team-a");
        env.put("S3_REGION", "eu-central-1");

        StoreConfig config = StoreConfig.fromEnvironment(env);

        assertThat(config.bucket()).isEqualTo("team-a");
        assertThat(config.region()).isEqualTo("eu-central-1");
    }

    @Test
    void missingVariableIsNamedWithHowToSetIt() {
        var env = new java.util.HashMap<>(REQUIRED);
        env.remove("S3_SECRET_KEY");

        assertThatThrownBy(() -> StoreConfig.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3_SECRET_KEY")
                .hasMessageContaining("export S3_SECRET_KEY=");
    }

    @Test
    void toStringNeverShowsTheSecret() {
        String shown = StoreConfig.fromEnvironment(REQUIRED).toString();

        assertThat(shown).doesNotContain("s3cr3t-value").contains("****").contains("http://127.0.0.1:8333");
    }
}
