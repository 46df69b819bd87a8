package ai.alignet.storage;

import ai.alignet.pipeline.ArtifactRef;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The one storage interface of the project: immutable, checksummed objects addressed by key.
 *
 * <p>Writes never expose a half-written object under its final key: an implementation writes the
 * bytes where nobody reads them until they are whole — one S3 PUT, which the server makes visible
 * only once complete, the invisible parts of an unfinished multipart upload, or a staged object under
 * {@value #TEMPORARY_PREFIX} — and checks what was stored. Reads verify size and sha256 against the
 * {@link ArtifactRef} the caller holds.
 *
 * <p>All failures are unchecked: {@link ArtifactNotFoundException} (the key does not exist),
 * {@link CorruptArtifactException} (the bytes do not match their reference) and
 * {@link StoreUnavailableException} (the server failed; worth retrying).
 */
public interface ArtifactStore {

    /** Staging area for writes in progress; never a valid final key. */
    String TEMPORARY_PREFIX = "tmp/";

    /** Stores {@code bytes} under {@code key} and returns the reference readers will verify against. */
    ArtifactRef put(String key, byte[] bytes);

    /**
     * Streams {@code file} to {@code key} and returns its reference; large files go up as a multipart
     * upload with several parts in flight.
     */
    ArtifactRef put(String key, Path file);

    /**
     * Reads the whole object.
     *
     * @throws CorruptArtifactException if the stored size or sha256 differ from {@code ref}
     * @throws ArtifactNotFoundException if there is no object under {@code ref.key()}
     */
    byte[] get(ArtifactRef ref);

    /**
     * Reads an object this store did not write — a user's dataset uploaded with any S3 tool — so there
     * is no stored sha256 to verify against; callers that cache on it hash the bytes themselves.
     *
     * @throws ArtifactNotFoundException if there is no object under {@code key}
     */
    byte[] readExternal(String key);

    /**
     * Writes the object to {@code target}, verified, via a temporary file in the same folder and an
     * atomic move, so {@code target} either holds the verified bytes or is left untouched.
     */
    void download(ArtifactRef ref, Path target);

    /** Size and sha256 of the object under {@code key}, or empty if there is none. */
    Optional<ArtifactRef> stat(String key);

    /** Keys starting with {@code prefix}, in lexicographic order; writes in progress are not listed. */
    List<String> list(String prefix);

    /** Removes {@code key}; removing a key that does not exist is not an error. */
    void delete(String key);

    /**
     * Deletes staged objects, and aborts unfinished multipart uploads, left behind by writers that
     * died (or lost the server) mid-put.
     *
     * @param olderThan only staged objects last modified (uploads started) at least this long ago are
     *                  removed, so that writes still in progress survive
     * @return how many staged objects were deleted plus how many uploads were aborted
     */
    int collectOrphans(Duration olderThan);
}
