package ai.alignet.cli;

import ai.alignet.bench.DecodeBench;
import ai.alignet.bench.DistillStepBench;
import ai.alignet.bench.EmbedBench;
import ai.alignet.bench.KMeansBench;
import ai.alignet.bench.LabelGenerateBench;
import ai.alignet.bench.LabelScoreBench;
import ai.alignet.bench.SchedulingLatencyBench;
import ai.alignet.bench.StoreBench;
import ai.alignet.ml.labels.KMeans;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.storage.S3ArtifactStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./alignet bench ...}: the compute benchmarks of docs/benchmarks.md, on synthetic inputs, so
 * anyone can rerun them against their own reference (tools/bench/ holds ours). Warm-up is never timed;
 * each figure is the median of the repeats, with min and max beside it.
 */
@Command(name = "bench", description = "Measure our compute paths (embed, distill-step, label-score, label-generate, decode, kmeans).",
        subcommands = {BenchCommand.Embed.class, BenchCommand.DistillStep.class, BenchCommand.LabelScore.class,
                BenchCommand.LabelGenerate.class, BenchCommand.Decode.class, BenchCommand.Kmeans.class, BenchCommand.Scheduling.class,
                BenchCommand.Store.class})
public class BenchCommand {

    /** Options every benchmark takes. */
    static class Common {
        @Option(names = "--json", description = "Print the result as one JSON object.")
        boolean json;

        @Option(names = "--repeats", defaultValue = "5", description = "Timed repeats (median reported). Default: ${DEFAULT-VALUE}.")
        int repeats;

        @Option(names = "--threads", defaultValue = "1", description = "Threads (libtorch intra-op, or decode workers). Default: ${DEFAULT-VALUE}.")
        int threads;

        /**
         * The result as JSON, plus the malloc settings it ran under: they change libtorch's speed by
         * ~1.7× here (see the launcher), so a figure without them cannot be compared.
         */
        static String withEnvironment(Object result) throws Exception {
            ObjectMapper mapper = new ObjectMapper();
            ObjectNode node = mapper.valueToTree(result);
            node.put("glibcTunables", System.getenv("GLIBC_TUNABLES"));
            return mapper.writeValueAsString(node);
        }

        int print(Supplier<Object> measurement) {
            return CommandErrors.run(() -> {
                Object result;
                try {
                    result = measurement.get();
                } catch (IllegalArgumentException e) {
                    throw new UserError(e.getMessage());
                }
                System.out.println(json ? withEnvironment(result) : result.toString());
                return 0;
            });
        }
    }

    @Command(name = "embed", description = "Embedding throughput of a TorchScript model through our Embedder.")
    static class Embed extends Common implements Callable<Integer> {
        @Option(names = "--model", required = true, description = "TorchScript .pt file.")
        Path model;

        @Option(names = "--image-size", defaultValue = "224")
        int imageSize;

        @Option(names = "--batch", defaultValue = "32")
        int batch;

        @Option(names = "--images", defaultValue = "128")
        int images;

        @Override
        public Integer call() {
            return print(() -> EmbedBench.run(model, imageSize, batch, images, threads, repeats));
        }
    }

    @Command(name = "distill-step", description = "Seconds per distillation step of the synthetic student.")
    static class DistillStep extends Common implements Callable<Integer> {
        @Option(names = "--image-size", defaultValue = "32", description = "Student input size (a multiple of 16).")
        int imageSize;

        @Option(names = "--batch", defaultValue = "32", description = "Triplets per step.")
        int batch;

        @Option(names = "--steps", defaultValue = "20", description = "Timed steps (the --repeats of this benchmark).")
        int steps;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed first steps.")
        int warmup;

        @Option(names = "--trace", description = "Also profile 5 steps after the timed ones with libtorch's profiler and "
                + "write a Chrome trace here (compare with the reference's: tools/bench/op_profile.py).")
        Path trace;

        @Override
        public Integer call() {
            return print(() -> DistillStepBench.run(imageSize, batch, steps, warmup, threads, trace));
        }
    }

    @Command(name = "label-score", description = "Label scoring triplets/s on --threads threads vs the memory-bandwidth "
            + "bound (copy bandwidth measured with as many threads).")
    static class LabelScore extends Common implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "100000")
        int rows;

        @Option(names = "--dim", defaultValue = "768")
        int dim;

        @Option(names = "--triplets", defaultValue = "1000000")
        int triplets;

        @Option(names = "--skip-bandwidth",
                description = "Do not measure copy bandwidth (it allocates two 256 MiB arrays): for peak-memory runs.")
        boolean skipBandwidth;

        @Override
        public Integer call() {
            return print(() -> LabelScoreBench.run(rows, dim, triplets, repeats, !skipBandwidth, threads));
        }
    }

    @Command(name = "label-generate",
            description = "The label stage's sample -> score -> encode path; run under /usr/bin/time -v for its peak memory.")
    static class LabelGenerate extends Common implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "100000")
        int rows;

        @Option(names = "--dim", defaultValue = "256")
        int dim;

        @Option(names = "--sampling", defaultValue = "random",
                description = "random | class_border | within_class | cluster_border_<groups>. Default: ${DEFAULT-VALUE}.")
        String sampling;

        @Option(names = "--groups", defaultValue = "100", description = "Classes (or clusters): item i is in group i % groups.")
        int groups;

        @Option(names = "--triplets", defaultValue = "1000000", description = "Train triplets.")
        int triplets;

        @Option(names = "--validation", defaultValue = "10000", description = "Validation triplets.")
        int validation;

        @Option(names = "--shard-size", defaultValue = "100000")
        int shardSize;

        @Option(names = "--seed", defaultValue = "7")
        long seed;

        @Override
        public Integer call() {
            return print(() -> LabelGenerateBench.run(rows, dim, sampling, groups, triplets, validation, shardSize, seed));
        }
    }

    @Command(name = "decode", description = "JPEG decode + resize + normalise throughput.")
    static class Decode extends Common implements Callable<Integer> {
        @Option(names = "--images-dir", description = "Folder of .jpg files (default: synthetic 500x375 JPEGs).")
        Path imagesDir;

        @Option(names = "--write-images", description = "Write the synthetic JPEGs here first, then read them (for a reference to share).")
        Path writeImages;

        @Option(names = "--images", defaultValue = "200", description = "Synthetic images when no --images-dir.")
        int images;

        @Option(names = "--image-size", defaultValue = "224")
        int imageSize;

        @Override
        public Integer call() {
            return print(() -> {
                if (writeImages != null) {
                    DecodeBench.writeSyntheticJpegs(writeImages, images);
                    return DecodeBench.run(writeImages, images, imageSize, threads, repeats);
                }
                return DecodeBench.run(imagesDir, images, imageSize, threads, repeats);
            });
        }
    }

    @Command(name = "kmeans", description = "Seconds per Lloyd iteration of our k-means (--threads: threads for the "
            + "float32 distance products), and how often a row fell back to exact distances.")
    static class Kmeans extends Common implements Callable<Integer> {
        @Option(names = "--data", description = "Raw little-endian float32 rows (default: synthetic blobs).")
        Path data;

        @Option(names = "--rows", defaultValue = "20000")
        int rows;

        @Option(names = "--dim", defaultValue = "128")
        int dim;

        @Option(names = "--k", defaultValue = "100")
        int k;

        @Option(names = "--iterations", defaultValue = "10")
        int iterations;

        @Option(names = "--gemm", description = "Engine of the float32 products: auto (OpenBLAS on CPU, libtorch on GPU), "
                + "openblas or libtorch. Default: the -D" + KMeans.GEMM_PROPERTY + " property, else auto.")
        String gemm;

        @Override
        public Integer call() {
            if (gemm != null) {
                System.setProperty(KMeans.GEMM_PROPERTY, gemm);
            }
            return print(() -> KMeansBench.run(data, rows, dim, k, iterations, repeats, threads));
        }
    }

    @Command(name = "scheduling", description = "Per-activity scheduling latency of a no-op activity loop on the Temporal "
            + "server at TEMPORAL_ADDRESS (start one with: temporal server start-dev --headless "
            + "--dynamic-config-value history.transferProcessorMaxPollRPS=1000).")
    static class Scheduling extends Common implements Callable<Integer> {
        @Option(names = "--activities", defaultValue = "200")
        int activities;

        @Override
        public Integer call() {
            TemporalSettings settings = Environment.temporal();
            return print(() -> {
                try (TemporalConnection temporal = TemporalConnection.open(settings)) {
                    return SchedulingLatencyBench.run(temporal.client(), settings.address(), activities);
                }
            });
        }
    }

    @Command(name = "store", description = "Put and download throughput of a large file through our S3 store "
            + "(S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, ALIGNET_BUCKET).")
    static class Store extends Common implements Callable<Integer> {
        @Option(names = "--file", required = true, description = "The file to upload (e.g. 1 GiB of random bytes).")
        Path file;

        @Override
        public Integer call() {
            return print(() -> {
                try (S3ArtifactStore store = Environment.store()) {
                    return StoreBench.run(store, file, repeats);
                }
            });
        }
    }
}
