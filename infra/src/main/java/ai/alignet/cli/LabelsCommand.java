package ai.alignet.cli;

import ai.alignet.formats.AligNetLabelImport;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./alignet labels import|export}: the official AligNet label .npz in and out of the store. */
@Command(name = "labels", mixinStandardHelpOptions = true, description = "Import or export teacher labels in the official AligNet .npz format.",
        subcommands = {LabelsCommand.Import.class, LabelsCommand.Export.class})
public class LabelsCommand {

    static final String FORMAT = "alignet-npz";

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
                    AligNetLabelImport.Stored imported = AligNetLabelImport.store(store, bytes, labels);
                    System.out.println("stored under " + imported.prefix() + ": " + imported.shards().size()
                            + " label shard(s) over " + imported.images() + " images");
                    System.out.println("to distil from them, put this in a run's spec (images: the store prefix holding the"
                            + " files the .npz names):");
                    System.out.println("  \"labels\": {\"released\": {\"import\": \"" + imported.prefix()
                            + "\", \"images\": \"datasets/<your-images>/\"}}");
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
}
