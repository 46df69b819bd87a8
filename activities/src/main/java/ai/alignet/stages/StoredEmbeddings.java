package ai.alignet.stages;

import ai.alignet.formats.EmbeddingFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Embedding matrices to and from the store through a temporary file, never as one {@code byte[]}: the
 * aligned corpus at full size (1.28M × 1152 floats, 5.9 GB) exceeds the 2 GiB a Java array holds, and a
 * byte copy beside the matrix would double the stage's memory. Needs that much free temporary disk.
 */
final class StoredEmbeddings {

    private StoredEmbeddings() {}

    static ArtifactRef put(ArtifactStore store, String key, EmbeddingMatrix m) {
        Path file = temporaryFile();
        try {
            EmbeddingFile.write(m, file);
            return store.put(key, file);
        } finally {
            deleteQuietly(file);
        }
    }

    static EmbeddingMatrix get(ArtifactStore store, ArtifactRef ref) {
        Path file = temporaryFile();
        try {
            store.download(ref, file);
            return EmbeddingFile.read(file, ref.key());
        } finally {
            deleteQuietly(file);
        }
    }

    private static Path temporaryFile() {
        try {
            return Files.createTempFile("alignet-embeddings-", ".bin");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary file for embeddings in "
                    + System.getProperty("java.io.tmpdir") + "; free space there or set -Djava.io.tmpdir", e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: a leftover file in the temporary folder is harmless
        }
    }
}
