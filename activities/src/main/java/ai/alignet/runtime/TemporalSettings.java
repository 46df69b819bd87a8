package ai.alignet.runtime;

import java.util.Map;

/**
 * Where Temporal is: {@code TEMPORAL_ADDRESS} (host:port, default 127.0.0.1:7233) and
 * {@code TEMPORAL_NAMESPACE} (default "default").
 */
public record TemporalSettings(String address, String namespace) {

    public static final String DEFAULT_ADDRESS = "127.0.0.1:7233";

    public TemporalSettings {
        if (address == null || !address.matches("[^\\s:]+:\\d{1,5}")) {
            throw new IllegalArgumentException("TEMPORAL_ADDRESS must be host:port (for example " + DEFAULT_ADDRESS
                    + "), got '" + address + "'");
        }
        if (namespace == null || namespace.isBlank()) {
            throw new IllegalArgumentException("TEMPORAL_NAMESPACE must not be blank");
        }
    }

    public static TemporalSettings fromEnvironment(Map<String, String> env) {
        return new TemporalSettings(
                env.getOrDefault("TEMPORAL_ADDRESS", DEFAULT_ADDRESS), env.getOrDefault("TEMPORAL_NAMESPACE", "default"));
    }
}
