package ai.alignet.service;

import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.StoreConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The connection settings the CLI reads from the environment (TEMPORAL_ADDRESS, S3_ENDPOINT, ...), read
 * through Quarkus configuration so that environment variables, system properties and test resources
 * all work, and the control plane's API token (ALIGNET_API_TOKEN).
 */
public final class ControlPlaneSettings {

    private static final List<String> NAMES = List.of("TEMPORAL_ADDRESS", "TEMPORAL_NAMESPACE", "S3_ENDPOINT",
            "S3_ACCESS_KEY", "S3_SECRET_KEY", "ALIGNET_BUCKET", "S3_REGION");

    private ControlPlaneSettings() {}

    static Map<String, String> variables() {
        Config config = ConfigProvider.getConfig();
        Map<String, String> out = new LinkedHashMap<>();
        for (String name : NAMES) {
            config.getOptionalValue(name, String.class).ifPresent(v -> out.put(name, v));
        }
        return out;
    }

    public static TemporalSettings temporal() {
        return TemporalSettings.fromEnvironment(variables());
    }

    public static StoreConfig store() {
        return StoreConfig.fromEnvironment(variables());
    }

    /** The configured API token, when set and not blank. */
    public static Optional<String> apiToken() {
        return ConfigProvider.getConfig().getOptionalValue("ALIGNET_API_TOKEN", String.class).filter(t -> !t.isBlank());
    }
}
