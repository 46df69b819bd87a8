package ai.alignet.stages;

import ai.alignet.formats.EmbeddingFile;
import ai.alignet.formats.ThingsTriplets;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.teacher.TeacherFit;
import ai.alignet.ml.teacher.TeacherFitConfig;
import ai.alignet.ml.teacher.TeacherFitResult;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.TeacherSpec;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.pipeline.stages.TeacherActivities;
import ai.alignet.pipeline.stages.TeacherData;
import ai.alignet.pipeline.stages.TeacherRequest;
import ai.alignet.storage.ArtifactStore;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Fits the surrogate teacher (affine transform + temperature) to the people's triplets. */
public final class TeacherActivitiesImpl implements TeacherActivities {

    static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;
    private final StageCache cache;

    public TeacherActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public TeacherData fitTeacher(TeacherRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), TeacherData.class, started -> {
            EmbeddingMatrix things = embeddings(store, request.thingsEmbeddings());
            EmbeddingMatrix corpus = embeddings(store, request.corpusEmbeddings());
            List<Triplet> train = ThingsTriplets.read(store.get(request.humanTrain()), request.humanTrain().key(), things.rows());
            List<Triplet> heldOut =
                    ThingsTriplets.read(store.get(request.humanHeldOut()), request.humanHeldOut().key(), things.rows());
            TeacherSpec t = request.teacher();
            TeacherFitConfig defaults = TeacherFitConfig.defaults();
            TeacherFitConfig config = new TeacherFitConfig(t.alpha(), t.lambda(), t.tauLocal(), t.learningRate(),
                    t.maxEpochs(), defaults.batchSize(), defaults.patience(), request.seed());
            Heartbeats.beat("teacher", 0);
            TeacherFitResult fit = TeacherFit.fit(things, train, heldOut, corpus, config);
            ArtifactRef transform;
            try {
                transform = store.put(request.context().prefix() + "teacher.json", JSON.writeValueAsBytes(fit));
            } catch (IOException e) {
                throw new IllegalStateException("cannot serialise the teacher transform", e);
            }
            return new TeacherData(transform, fit.accuracyBefore(), fit.accuracyAfter(), fit.logLikelihoodBefore(),
                    fit.logLikelihoodAfter(), fit.eceBefore(), fit.eceAfter(), fit.transform().temperature(),
                    fit.epochs(), new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    static EmbeddingMatrix embeddings(ArtifactStore store, ArtifactRef ref) {
        return EmbeddingFile.decode(store.get(ref), ref.key());
    }

    static EmbeddingMatrix embeddings(ArtifactStore store, List<ArtifactRef> refs) {
        List<EmbeddingMatrix> parts = new ArrayList<>();
        for (ArtifactRef ref : refs) {
            parts.add(embeddings(store, ref));
        }
        return EmbeddingFile.concat(parts);
    }

    static TeacherFitResult readFit(ArtifactStore store, ArtifactRef ref) {
        try {
            return JSON.readValue(store.get(ref), TeacherFitResult.class);
        } catch (IOException e) {
            throw new ai.alignet.formats.InvalidInputException(ref.key() + ": not a teacher transform: " + e.getMessage());
        }
    }
}
