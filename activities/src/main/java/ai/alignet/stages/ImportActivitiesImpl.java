package ai.alignet.stages;

import ai.alignet.formats.AligNetLabelImport;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.LabelShardFile;
import ai.alignet.formats.TarShard;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.ReleasedLabels;
import ai.alignet.pipeline.stages.ImportActivities;
import ai.alignet.pipeline.stages.ReleasedLabelsData;
import ai.alignet.pipeline.stages.ReleasedLabelsRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.storage.ArtifactStore;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;

/**
 * Brings released labels (an AligNet .npz imported with {@code ./alignet labels import}) and the
 * images they name into the form distillation reads: image tar shards and label shards whose ids are
 * positions in those shards. Images come from the store as a folder tree ({@code <images><file>}) or
 * as WebDataset tar shards under the prefix whose member names are the files; they are read as they
 * are (no sha256 metadata needed), one source object and one output shard in memory at a time.
 */
public final class ImportActivitiesImpl implements ImportActivities {

    private static final int MISSING_NAMED = 5;

    private final ArtifactStore store;
    private final StageCache cache;

    public ImportActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public ReleasedLabelsData importReleasedLabels(ReleasedLabelsRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), ReleasedLabelsData.class, started -> {
            ReleasedLabels released = request.released();
            AligNetLabelImport.Contents labels = AligNetLabelImport.open(store, released.importPrefix());
            String prefix = request.context().prefix();
            ImageShardPacker packer = new ImageShardPacker(store, prefix, request.imagesPerShard());
            int[] packedId = pack(released, labels.files(), packer);
            List<ArtifactRef> imageShards = packer.finish();

            // Label ids become packed positions: the identity for a folder tree (read in id order),
            // the source order for tar shards.
            boolean identity = true;
            for (int id = 0; id < packedId.length; id++) {
                identity &= packedId[id] == id;
            }
            List<ArtifactRef> labelShards = new ArrayList<>();
            int triplets = 0;
            for (int n = 0; n < labels.shards().size(); n++) {
                ArtifactRef shard = labels.shards().get(n);
                List<LabelledTriplet> part = LabelShardFile.decode(store.get(shard), shard.key(), packedId.length);
                triplets += part.size();
                if (identity) {
                    labelShards.add(shard);
                } else {
                    List<LabelledTriplet> moved = part.stream().map(t -> new LabelledTriplet(packedId[t.a()], packedId[t.b()],
                            packedId[t.c()], t.s01(), t.s02(), t.s12())).toList();
                    labelShards.add(store.put(prefix + String.format("labels-%05d.bin", n), LabelShardFile.encode(moved)));
                }
            }
            return new ReleasedLabelsData(labelShards, imageShards, triplets, packedId.length,
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    /** Packs every image the labels name; returns each label image id's packed position. */
    private int[] pack(ReleasedLabels released, List<String> files, ImageShardPacker packer) {
        String images = released.imagesPrefix();
        Map<String, Integer> idOf = new HashMap<>();
        for (int id = 0; id < files.size(); id++) {
            Integer before = idOf.put(files.get(id), id);
            if (before != null) {
                throw new InvalidInputException(released.importPrefix() + ": images " + before + " and " + id
                        + " have the same file name '" + files.get(id) + "'; the .npz must give each index its own file");
            }
        }
        int[] packedId = new int[files.size()];
        Arrays.fill(packedId, -1);
        List<String> keys = store.list(images);
        List<String> tars = keys.stream().filter(k -> k.endsWith(".tar")).toList();
        if (!tars.isEmpty()) {
            for (String key : tars) {
                for (TarShard.Member m : TarShard.read(store.readExternal(key), key)) {
                    Integer id = idOf.get(m.name());
                    if (id != null && packedId[id] < 0) {
                        packedId[id] = packer.add(m.name(), m.data(), key + ":" + m.name());
                    }
                }
                Heartbeats.beat("import", packer.count());
            }
            requireAllFound(released, files, id -> packedId[id] >= 0, tars.size() + " tar shard(s)");
        } else {
            // The listing says what is there: a missing image fails at once, before any is read.
            Set<String> present = new HashSet<>(keys);
            requireAllFound(released, files, id -> present.contains(images + files.get(id)), "folder tree");
            for (int id = 0; id < files.size(); id++) {
                String key = images + files.get(id);
                packedId[id] = packer.add(files.get(id), store.readExternal(key), key);
                if (id % 256 == 0) {
                    Heartbeats.beat("import", packer.count());
                }
            }
        }
        return packedId;
    }

    private static void requireAllFound(ReleasedLabels released, List<String> files, IntPredicate found, String source) {
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (int id = 0; id < files.size(); id++) {
            if (!found.test(id)) {
                count++;
                if (missing.size() < MISSING_NAMED) {
                    missing.add(files.get(id));
                }
            }
        }
        if (count > 0) {
            throw new InvalidInputException(count + " of " + files.size() + " images named by " + released.importPrefix()
                    + " are not under " + released.imagesPrefix() + " (" + source + "), e.g. " + String.join(", ", missing)
                    + "; upload them there under the same relative paths, or import labels that name only images you have");
        }
    }
}
