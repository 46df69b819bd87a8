package ai.alignet.bench;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.S3ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Large-artifact throughput of {@link S3ArtifactStore}: {@code put(key, file)} (SHA-256 of the file
 * while the parts are hashed on a second thread, then a multipart upload straight to the final key
 * with 10 parts in flight, each streamed from the file, and a size check) and {@code download(ref, file)}
 * (with its SHA-256 check), in MB/s of file size.
 */
public final class StoreBench {

    public record Result(String endpoint, long bytes, double putMegabytesPerSecond, Spread putSpread,
            double downloadMegabytesPerSecond, Spread downloadSpread) {}

    private StoreBench() {}

    public static Result run(S3ArtifactStore store, Path file, int repeats) {
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + "; pass an existing file with --file", e);
        }
        List<Double> put = new ArrayList<>();
        List<Double> get = new ArrayList<>();
        Path target = file.resolveSibling(file.getFileName() + ".downloaded");
        for (int r = 0; r < repeats; r++) {
            String key = "bench/store/" + System.nanoTime() + ".bin";
            long start = System.nanoTime();
            ArtifactRef ref = store.put(key, file);
            put.add(Spread.seconds(start));
            start = System.nanoTime();
            store.download(ref, target);
            get.add(Spread.seconds(start));
            store.delete(key);
            try {
                Files.deleteIfExists(target);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        Spread putRate = Spread.ratesOf(bytes / 1e6, put);
        Spread getRate = Spread.ratesOf(bytes / 1e6, get);
        return new Result(store.config().endpoint(), bytes, putRate.median(), putRate, getRate.median(), getRate);
    }
}
