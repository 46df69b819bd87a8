package ai.alignet.stages;

import ai.alignet.formats.CheckpointFile;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.LabelShardFile;
import ai.alignet.formats.ModelArchive;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.distill.DistillCheckpoint;
import ai.alignet.ml.distill.DistillConfig;
import ai.alignet.ml.distill.DistillInputs;
import ai.alignet.ml.distill.DistillResult;
import ai.alignet.ml.distill.DistillStoppedException;
import ai.alignet.ml.distill.Distiller;
import ai.alignet.ml.distill.StepListener;
import ai.alignet.ml.distill.StudentModels;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.StudentSpec;
import ai.alignet.pipeline.stages.DistillActivities;
import ai.alignet.pipeline.stages.DistillData;
import ai.alignet.pipeline.stages.DistillRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.runtime.PipelineMetrics;
import ai.alignet.storage.ArtifactStore;
import ai.alignet.storage.CorruptArtifactException;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distils one student. Checkpoints go to the store every {@code checkpointEvery} steps; a retried
 * attempt (or a resumed run with the same inputs) restarts from the newest checkpoint that verifies,
 * so a crash costs at most one checkpoint interval.
 */
public final class DistillActivitiesImpl implements DistillActivities {

    private static final Logger LOG = LoggerFactory.getLogger(DistillActivitiesImpl.class);
    private static final int MAX_CURVE_POINTS = 200;

    private final ArtifactStore store;
    private final StageCache cache;
    private final PreemptionSignal preemption;

    public DistillActivitiesImpl(ArtifactStore store) {
        this(store, new PreemptionSignal());
    }

    /** @param preemption raised when the worker drains: the run checkpoints at the next step and stops */
    public DistillActivitiesImpl(ArtifactStore store, PreemptionSignal preemption) {
        this.store = store;
        this.cache = new StageCache(store);
        this.preemption = preemption;
    }

    @Override
    public DistillData distill(DistillRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), DistillData.class, started -> {
            if (preemption.raised()) {
                // A task that reached a draining worker: hand it back before doing any work.
                throw DistillStoppedException.beforeStart();
            }
            StudentSpec s = request.student();
            byte[] baseArchive = store.get(request.backbone());
            BackboneDescriptor d = ModelArchive.card(baseArchive, request.backbone().key()).descriptor();
            List<ChwImage> images = ImageShards.decodeAll(store, request.corpusShards(), d.imageSize());
            // Distillation's heartbeat timeout is short (a dead worker is noticed fast): beat through set-up too.
            Heartbeats.beat("distill", 0);
            List<LabelledTriplet> labels = new ArrayList<>();
            for (ArtifactRef shard : request.labelShards()) {
                labels.addAll(LabelShardFile.decode(store.get(shard), shard.key(), images.size()));
            }
            DistillConfig config = new DistillConfig(s.steps(), s.batchSize(), s.learningRate(), s.warmupFraction(),
                    s.decayToInit(), s.tau(), s.loss(), s.headDim(), s.checkpointEvery(), request.seed());
            String checkpoints = request.context().prefix() + "checkpoints/";
            Optional<DistillCheckpoint> resume = newestCheckpoint(checkpoints);
            Heartbeats.beat("distill", resume.map(DistillCheckpoint::step).orElse(0));
            resume.ifPresent(cp -> LOG.info("event=distill_resume run={} student={} step={}",
                    request.context().runId(), s.name(), cp.step()));

            try (Model base = ModelArchive.load(baseArchive, request.backbone().key())) {
                Block student = StudentModels.withHead(base.getBlock(), s.headDim(), request.seed());
                try (Model model = ModelFiles.newModel(d, student)) {
                    DistillResult result = new Distiller().run(
                            new DistillInputs(d, student, images, labels),
                            config,
                            resume.orElse(null),
                            cp -> {
                                store.put(checkpoints + String.format("step-%09d.ckpt", cp.step()), CheckpointFile.encode(cp));
                                LOG.info("event=checkpoint run={} student={} step={}", request.context().runId(), s.name(),
                                        cp.step());
                                PipelineMetrics.checkpointSaved(s.name());
                            },
                            new StepListener() {
                                @Override
                                public void onStep(int step, double loss) {
                                    // Debug only: lets the fault-injection suite measure the steps a crash loses.
                                    LOG.debug("event=distill_step run={} student={} step={}", request.context().runId(),
                                            s.name(), step + 1);
                                    Heartbeats.beat("distill", step + 1);
                                    PipelineMetrics.distillStep(s.name(), loss);
                                }

                                @Override
                                public boolean stopRequested() {
                                    return preemption.raised();
                                }
                            });
                    byte[] archive = ModelArchive.write(ModelArchive.Card.student(d, s.headDim(), request.seed()), model);
                    ArtifactRef ref = store.put(request.context().prefix() + "student.zip", archive);
                    return new DistillData(s.name(), ref, result.steps(), downsample(result.lossHistory()),
                            result.finalLoss(), resume.map(DistillCheckpoint::step).orElse(0),
                            new StageTiming(false, StageCache.secondsSince(started)));
                }
            }
        }));
    }

    /** The newest checkpoint that reads back whole; a corrupt newest one falls back to the one before. */
    private Optional<DistillCheckpoint> newestCheckpoint(String prefix) {
        List<String> keys = new ArrayList<>(store.list(prefix));
        keys.sort(Comparator.reverseOrder());
        for (String key : keys) {
            try {
                Optional<ArtifactRef> ref = store.stat(key);
                if (ref.isPresent()) {
                    return Optional.of(CheckpointFile.decode(store.get(ref.get()), key));
                }
            } catch (CorruptArtifactException | InvalidInputException e) {
                LOG.warn("event=checkpoint_skipped key={} reason={}", key, e.getMessage());
            }
        }
        return Optional.empty();
    }

    /** At most a few hundred points: payloads stay small whatever the step count. */
    static List<Double> downsample(List<Double> losses) {
        if (losses.size() <= MAX_CURVE_POINTS) {
            return List.copyOf(losses);
        }
        List<Double> out = new ArrayList<>();
        double stride = (double) losses.size() / MAX_CURVE_POINTS;
        for (int p = 0; p < MAX_CURVE_POINTS; p++) {
            int from = (int) Math.floor(p * stride);
            int to = (int) Math.floor((p + 1) * stride);
            double sum = 0;
            for (int i = from; i < to; i++) {
                sum += losses.get(i);
            }
            out.add(sum / Math.max(1, to - from));
        }
        return out;
    }
}
