package ai.alignet.cli;

import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.storage.StoreConfig;
import java.util.Map;

/** Connection settings from the environment, read the same way by every command. */
final class Environment {

    private Environment() {}

    static Map<String, String> variables() {
        return System.getenv();
    }

    static TemporalSettings temporal() {
        try {
            return TemporalSettings.fromEnvironment(variables());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    static S3ArtifactStore store() {
        StoreConfig config;
        try {
            config = StoreConfig.fromEnvironment(variables());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        S3ArtifactStore store = new S3ArtifactStore(config);
        store.ensureBucket();
        return store;
    }
}
