package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What one stage produced: its files (logical name to reference) and its provenance. Written last,
 * after every listed file, so an artifact exists exactly when its manifest does.
 *
 * @param kind          what the artifact is, e.g. {@code "embeddings"} or {@code "checkpoint"}
 * @param producerStage the pipeline stage that wrote it
 * @param producerRun   the run (workflow id) that wrote it
 * @param files         logical file name to stored object
 * @param attributes    provenance and parameters: attempt, code version, input digests, shapes
 */
public record ArtifactManifest(String kind, String producerStage, String producerRun,
                               Map<String, ArtifactRef> files, Map<String, String> attributes) {

    // Sorted keys make the JSON, and so its sha256, a function of the content alone.
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    public ArtifactManifest {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("artifact manifest needs a kind");
        }
        if (producerStage == null || producerStage.isBlank()) {
            throw new IllegalArgumentException("artifact manifest of kind " + kind + " needs a producer stage");
        }
        if (producerRun == null || producerRun.isBlank()) {
            throw new IllegalArgumentException("artifact manifest of kind " + kind + " needs a producer run");
        }
        files = Collections.unmodifiableMap(new TreeMap<>(files == null ? Map.of() : files));
        attributes = Collections.unmodifiableMap(new TreeMap<>(attributes == null ? Map.of() : attributes));
    }

    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise manifest of kind " + kind, e);
        }
    }

    /** @throws IllegalArgumentException if {@code json} is not a valid manifest, saying why */
    public static ArtifactManifest fromJson(byte[] json) {
        try {
            return JSON.readValue(json, ArtifactManifest.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a valid artifact manifest: " + e.getMessage(), e);
        }
    }
}
