package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;

import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes {@link ArtifactManifest}s so that a manifest is only ever visible after all of
 * its files, and a reader only ever trusts a manifest whose files are all present and intact.
 */
public final class ManifestStore {

    private final ArtifactStore store;

    public ManifestStore(ArtifactStore store) {
        this.store = store;
    }

    /**
     * Writes {@code manifest} under {@code manifestKey}, after checking that every listed file is
     * already stored with the listed size and sha256: the manifest is what publishes the artifact,
     * so it must come last.
     *
     * @throws ArtifactNotFoundException if a listed file has not been written yet
     * @throws CorruptArtifactException  if a listed file differs from its reference
     */
    public ArtifactRef write(String manifestKey, ArtifactManifest manifest) {
        verifyFiles(manifestKey, manifest);
        return store.put(manifestKey, manifest.toJson());
    }

    /**
     * Reads the manifest under {@code manifestKey} and checks every listed file against the store.
     *
     * @return empty if there is no manifest under {@code manifestKey} (the artifact was never
     *         published, or a writer died before publishing it): the caller should produce it
     * @throws CorruptArtifactException if the manifest exists but cannot be parsed, or a listed file
     *         is missing or differs from its reference: published data was damaged, which must be
     *         loud rather than silently re-produced
     */
    public Optional<ArtifactManifest> read(String manifestKey) {
        Optional<ArtifactRef> manifestRef = store.stat(manifestKey);
        if (manifestRef.isEmpty()) {
            return Optional.empty();
        }
        ArtifactManifest manifest;
        try {
            manifest = ArtifactManifest.fromJson(store.get(manifestRef.get()));
        } catch (IllegalArgumentException e) {
            throw new CorruptArtifactException(manifestKey, "a JSON artifact manifest", e.getMessage());
        }
        try {
            verifyFiles(manifestKey, manifest);
        } catch (ArtifactNotFoundException e) {
            throw new CorruptArtifactException(manifestKey, "all listed files present", e.getMessage());
        }
        return Optional.of(manifest);
    }

    private void verifyFiles(String manifestKey, ArtifactManifest manifest) {
        for (Map.Entry<String, ArtifactRef> file : manifest.files().entrySet()) {
            ArtifactRef expected = file.getValue();
            ArtifactRef actual = store.stat(expected.key()).orElseThrow(() -> new ArtifactNotFoundException(
                    expected.key(), "the store (listed as '" + file.getKey() + "' by manifest '" + manifestKey + "')"));
            if (actual.size() != expected.size() || !actual.sha256().equals(expected.sha256())) {
                throw new CorruptArtifactException(expected.key(),
                        expected.size() + " bytes with sha256 " + expected.sha256()
                                + " (listed as '" + file.getKey() + "' by manifest '" + manifestKey + "')",
                        actual.size() + " bytes with sha256 " + actual.sha256());
            }
        }
    }
}
