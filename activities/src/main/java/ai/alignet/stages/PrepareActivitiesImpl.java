package ai.alignet.stages;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.LevelsCsv;
import ai.alignet.formats.ModelArchive;
import ai.alignet.formats.TarShard;
import ai.alignet.formats.ThingsTriplets;
import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.alignet.ml.world.SimulatedPeople;
import ai.alignet.ml.world.SyntheticWorld;
import ai.alignet.ml.world.WorldConfig;
import ai.alignet.ml.world.WorldImage;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.WorldSpec;
import ai.alignet.pipeline.stages.BackboneData;
import ai.alignet.pipeline.stages.BackboneRequest;
import ai.alignet.pipeline.stages.PrepareActivities;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.pipeline.stages.WorldData;
import ai.alignet.pipeline.stages.WorldRequest;
import ai.alignet.storage.ArtifactStore;
import ai.djl.Model;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Generates the synthetic world and the base backbones, deterministic by seed, cached by content. */
public final class PrepareActivitiesImpl implements PrepareActivities {

    private final ArtifactStore store;
    private final StageCache cache;

    public PrepareActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public WorldData generateWorld(WorldRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), WorldData.class, started -> {
            WorldSpec w = request.world();
            SyntheticWorld world = SyntheticWorld.generate(new WorldConfig(request.seed(), w.imageSize(),
                    w.superordinates(), w.basicPerSuperordinate(), w.corpusPerCategory(), w.thingsPerCategory(),
                    w.levelsPerCategory(), w.humanNoise()));
            String prefix = request.context().prefix();
            List<ArtifactRef> corpusShards = new ArrayList<>();
            List<WorldImage> corpus = world.corpus();
            for (int start = 0, shard = 0; start < corpus.size(); start += w.shardSize(), shard++) {
                List<WorldImage> part = corpus.subList(start, Math.min(corpus.size(), start + w.shardSize()));
                corpusShards.add(store.put(prefix + String.format("corpus-%05d.tar", shard), shard(world, part, start)));
                Heartbeats.beat("prepare", shard + 1);
            }
            ArtifactRef things = store.put(prefix + "things-00000.tar", shard(world, world.things(), 0));
            ArtifactRef levels = store.put(prefix + "levels-00000.tar", shard(world, world.levels(), 0));
            Catalog catalog = new Catalog(
                    world.categories().stream().map(c -> new Catalog.Category(c.id(), c.name(), c.superordinate(),
                            c.superordinateName())).toList(),
                    entries(world.corpus(), 0), entries(world.things(), 0), entries(world.levels(), 0));
            ArtifactRef catalogRef = store.put(prefix + "catalog.json", catalog.toJson());

            // Simulated people: odd-one-out judgements over the THINGS images, split into a training set
            // for the teacher and a held-out set for its evaluation and temperature calibration.
            SimulatedPeople people = new SimulatedPeople(world, w.humanNoise(), request.seed() + 1);
            List<Triplet> judged = people.judge(world.things(), w.humanTriplets());
            int heldOut = Math.max(1, (int) Math.round(judged.size() * w.heldOutFraction()));
            List<Triplet> train = judged.subList(0, judged.size() - heldOut);
            List<Triplet> test = judged.subList(judged.size() - heldOut, judged.size());
            ArtifactRef trainRef = store.put(prefix + "trainset.txt", ThingsTriplets.write(train));
            ArtifactRef testRef = store.put(prefix + "testset.txt", ThingsTriplets.write(test));

            List<JudgedTriplet> levelTriplets = people.levelsTriplets(world.levels(), w.levelsTripletsPerType(), w.raters());
            List<String> names = catalog.levels().stream().map(Catalog.Image::file).toList();
            ArtifactRef levelsCsv = store.put(prefix + "levels.csv", LevelsCsv.write(levelTriplets, names));
            return new WorldData(corpusShards, things, levels, catalogRef, trainRef, testRef, levelsCsv,
                    corpus.size(), world.things().size(), world.levels().size(),
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    @Override
    public BackboneData prepareBackbone(BackboneRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), BackboneData.class, started -> {
            BackboneDescriptor d = "teacher".equals(request.role())
                    ? SyntheticBackbones.teacher(request.seed())
                    : SyntheticBackbones.student(request.name(), request.seed());
            try (Model model = ModelFiles.newModel(d)) {
                byte[] archive = ModelArchive.write(ModelArchive.Card.backbone(d), model);
                ArtifactRef ref = store.put(request.context().prefix() + "model.zip", archive);
                return new BackboneData(request.name(), ref, d.embeddingDim(),
                        new StageTiming(false, StageCache.secondsSince(started)));
            }
        }));
    }

    /** A WebDataset-style shard: {@code NNNNNN.png} plus {@code NNNNNN.cls} (the category id). */
    private static byte[] shard(SyntheticWorld world, List<WorldImage> images, int firstIndex) {
        List<TarShard.Member> members = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            String key = String.format("%06d", firstIndex + i);
            WorldImage image = images.get(i);
            members.add(new TarShard.Member(key + ".png", world.renderPng(image)));
            members.add(new TarShard.Member(key + ".cls", Integer.toString(image.category()).getBytes(StandardCharsets.UTF_8)));
        }
        return TarShard.write(members);
    }

    private static List<Catalog.Image> entries(List<WorldImage> images, int firstIndex) {
        List<Catalog.Image> out = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            WorldImage im = images.get(i);
            out.add(new Catalog.Image(String.format("%06d.png", firstIndex + i), im.category(), im.superordinate(),
                    im.colour(), im.texture()));
        }
        return out;
    }
}
