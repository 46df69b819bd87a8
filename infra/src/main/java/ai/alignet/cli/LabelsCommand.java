package ai.alignet.cli;

import ai.alignet.formats.AligNetLabelsNpz;
import ai.alignet.formats.Catalog;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.LabelShardFile;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.storage.ArtifactStore;
import ai.alignet.storage.S3ArtifactStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./alignet labels import|export}: the official AligNet label .npz in and out of the store. */
@Command(name = "labels", mixinStandardHelpOptions = true, description = "Import or export teacher labels in the official AligNet .npz format.",
        subcommands = {LabelsCommand.Import.class, LabelsCommand.Export.class})
public class LabelsCommand {

    static final String FORMAT = "alignet-npz";
    static final int SHARD_SIZE = 100_000;

    /** {@code labels import FILE [--format alignet-npz] [--dry-run]}. */
    @Command(name = "import", mixinStandardHelpOptions = true, description = "Validate an AligNet .npz and store it as label shards "
            + "(--dry-run: validate only, no server needed). Prints the triplet count.")
    public static class Import implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @Option(names = "--format", defaultValue = FORMAT, paramLabel = "FORMAT", description = "alignet-npz (the only one)")
        String format;

        @Option(names = "--dry-run", description = "validate only; nothing is stored and no server is needed")
        boolean dryRun;

        @Override
        public Integer call() {
            return CommandErrors.run(() -> {
                checkFormat(format);
                if (!Files.isRegularFile(file)) {
                    throw new UserError(file + " does not exist");
                }
                byte[] bytes = Files.readAllBytes(file);
                AligNetLabelsNpz.Labels labels;
                try {
                    labels = AligNetLabelsNpz.read(bytes, file.toString(), -1);
                } catch (InvalidInputException e) {
                    throw new UserError(e.getMessage());
                }
                System.out.println(labels.size() + " triplets in " + file + (dryRun ? " (valid; dry run, nothing stored)" : ""));
                if (!dryRun) {
                    S3ArtifactStore store = Environment.store();
                    Imported imported = store(store, bytes, labels);
                    System.out.println("stored under " + imported.prefix() + ": " + imported.shards().size()
                            + " label shard(s) over " + imported.images() + " images");
                }
                return 0;
            });
        }
    }

    /** {@code labels export --workflow ID --format alignet-npz --out FILE}. */
    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a run's teacher labels as an AligNet .npz (readable by numpy.load).")
    public static class Export implements Callable<Integer> {

        @Option(names = "--workflow", required = true, paramLabel = "WORKFLOW_ID")
        String workflowId;

        @Option(names = "--format", defaultValue = FORMAT, paramLabel = "FORMAT")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE")
        Path out;

        @Option(names = "--split", defaultValue = "train", paramLabel = "SPLIT", description = "train (default) or validation")
        String split;

        @Option(names = "--stored", description = "write an uncompressed .npz (np.savez) instead of np.savez_compressed")
        boolean stored;

        @Override
        public Integer call() {
            return CommandErrors.run(() -> {
                checkFormat(format);
                if (!split.equals("train") && !split.equals("validation")) {
                    throw new UserError("--split must be train or validation, got '" + split + "'");
                }
                LabelStageHistory.LabelStage stage;
                try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal())) {
                    stage = LabelStageHistory.find(temporal.client(), workflowId);
                }
                AligNetLabelsNpz.Labels labels = collect(Environment.store(), stage, split);
                Path parent = out.toAbsolutePath().getParent();
                Files.createDirectories(parent);
                Path tmp = Files.createTempFile(parent, ".labels", ".npz");
                Files.write(tmp, AligNetLabelsNpz.write(labels, !stored));
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
                System.out.println(labels.size() + " triplets (" + split + ") of run " + workflowId + " written to " + out);
                return 0;
            });
        }
    }

    /** What an import stored: the key prefix, the shards, how many distinct images they use. */
    record Imported(String prefix, List<ArtifactRef> shards, ArtifactRef imageList, ArtifactRef original, int images) {}

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static void checkFormat(String format) {
        if (!FORMAT.equals(format)) {
            throw new UserError("--format must be " + FORMAT + ", got '" + format + "'");
        }
    }

    /** The run's label shards (train or validation) joined, with the catalog's corpus file names. */
    static AligNetLabelsNpz.Labels collect(ArtifactStore store, LabelStageHistory.LabelStage stage, String split) {
        Catalog catalog = Catalog.fromJson(store.get(stage.request().catalog()), stage.request().catalog().key());
        List<String> files = catalog.corpus().stream().map(Catalog.Image::file).toList();
        List<ArtifactRef> shards = split.equals("train") ? stage.data().trainShards() : List.of(stage.data().validation());
        List<LabelledTriplet> all = new ArrayList<>();
        for (ArtifactRef shard : shards) {
            all.addAll(LabelShardFile.decode(store.get(shard), shard.key(), files.size()));
        }
        return AligNetLabelsNpz.fromTriplets(all, files);
    }

    /**
     * Stores the original file, the image list (dense id → official index and file name) and our label
     * shards over dense ids, under a prefix named by the file's sha256 so the same file imports once.
     */
    static Imported store(ArtifactStore store, byte[] npz, AligNetLabelsNpz.Labels labels) {
        String prefix = "imports/alignet-labels/" + sha256(npz) + "/";
        Map<Long, String> images = new TreeMap<>();
        long[] idx = labels.indices();
        for (int i = 0; i < idx.length; i++) {
            images.putIfAbsent(idx[i], labels.filenames()[i]);
        }
        Map<Long, Integer> dense = new TreeMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (Map.Entry<Long, String> e : images.entrySet()) {
            dense.put(e.getKey(), dense.size());
            list.add(Map.of("index", e.getKey(), "file", e.getValue()));
        }
        byte[] json;
        try {
            json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(list);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ArtifactRef original = store.put(prefix + "labels.npz", npz);
        ArtifactRef imageList = store.put(prefix + "images.json", json);
        List<ArtifactRef> shards = new ArrayList<>();
        for (int start = 0, n = 0; start < labels.size(); start += SHARD_SIZE, n++) {
            List<LabelledTriplet> part = new ArrayList<>();
            for (int r = start; r < Math.min(labels.size(), start + SHARD_SIZE); r++) {
                LabelledTriplet t = labels.triplet(r);
                part.add(new LabelledTriplet(dense.get((long) t.a()), dense.get((long) t.b()), dense.get((long) t.c()),
                        t.s01(), t.s02(), t.s12()));
            }
            shards.add(store.put(prefix + String.format("labels-%05d.bin", n), LabelShardFile.encode(part)));
        }
        return new Imported(prefix, shards, imageList, original, dense.size());
    }
}
