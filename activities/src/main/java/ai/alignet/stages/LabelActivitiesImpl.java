package ai.alignet.stages;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.ml.labels.Clustering;
import ai.alignet.ml.labels.KMeans;
import ai.alignet.ml.labels.LabelShards;
import ai.alignet.ml.labels.TripletSampler;
import ai.alignet.ml.labels.TripletSamplers;
import ai.alignet.ml.teacher.TeacherTransform;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.LabelSpec;
import ai.alignet.pipeline.stages.ClusterData;
import ai.alignet.pipeline.stages.ClusterRequest;
import ai.alignet.pipeline.stages.LabelActivities;
import ai.alignet.pipeline.stages.LabelData;
import ai.alignet.pipeline.stages.LabelRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.storage.ArtifactStore;
import java.io.IOException;
import java.util.Arrays;

/** k-means over the teacher-aligned corpus, then sampled triplets scored by the teacher. */
public final class LabelActivitiesImpl implements LabelActivities {

    private final ArtifactStore store;
    private final StageCache cache;

    public LabelActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public ClusterData cluster(ClusterRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), ClusterData.class, started -> {
            TeacherTransform transform = TeacherActivitiesImpl.readFit(store, request.transform()).transform();
            EmbeddingMatrix raw = TeacherActivitiesImpl.embeddings(store, request.corpusEmbeddings());
            // Calibrated: label logits must carry the fitted temperature (DESIGN.md §3, "Labels").
            EmbeddingMatrix aligned = transform.applyCalibrated(raw);
            // Every CPU the worker is configured for: the thread count changes speed, never the clustering.
            Clustering clustering = KMeans.fit(aligned, request.clusters(), 100, request.seed(),
                    IntraOpThreads.configuredCount());
            String prefix = request.context().prefix();
            ArtifactRef alignedRef = StoredEmbeddings.put(store, prefix + "aligned.bin", aligned);
            ArtifactRef assignments;
            try {
                assignments = store.put(prefix + "assignments.json",
                        TeacherActivitiesImpl.JSON.writeValueAsBytes(clustering.assignments()));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise cluster assignments", e);
            }
            return new ClusterData(alignedRef, assignments, clustering.iterations(), clustering.inertia(),
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    @Override
    public LabelData label(LabelRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), LabelData.class, started -> {
            LabelSpec spec = request.labels();
            EmbeddingMatrix aligned = StoredEmbeddings.get(store, request.alignedEmbeddings());
            int[] clusters = readAssignments(request.assignments());
            Catalog catalog = Catalog.fromJson(store.get(request.catalog()), request.catalog().key());
            int[] classes = Catalog.categories(catalog.corpus());
            if (classes.length != aligned.rows() || clusters.length != aligned.rows()) {
                throw new InvalidInputException("label inputs disagree: " + aligned.rows() + " aligned embeddings, "
                        + classes.length + " catalog images, " + clusters.length + " cluster assignments");
            }
            TripletSampler sampler = TripletSamplers.forName(spec.sampling(), classes, clusters);
            String prefix = request.context().prefix();
            LabelShards.Written<ArtifactRef> written = LabelShards.write(aligned, sampler, spec.trainTriplets(),
                    spec.validationTriplets(), spec.shardSize(), request.seed(), (name, shard) -> store.put(prefix + name, shard));
            return new LabelData(written.trainShards(), written.validation(), spec.trainTriplets(), spec.validationTriplets(),
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    private int[] readAssignments(ArtifactRef ref) {
        try {
            int[] a = TeacherActivitiesImpl.JSON.readValue(store.get(ref), int[].class);
            if (Arrays.stream(a).anyMatch(c -> c < 0)) {
                throw new InvalidInputException(ref.key() + ": cluster ids must be >= 0");
            }
            return a;
        } catch (IOException e) {
            throw new InvalidInputException(ref.key() + ": not a cluster assignment file: " + e.getMessage());
        }
    }
}
