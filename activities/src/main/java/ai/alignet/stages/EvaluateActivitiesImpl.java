package ai.alignet.stages;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.LevelsCsv;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.eval.AdversarialShift;
import ai.alignet.ml.eval.AgreementEvaluator;
import ai.alignet.ml.eval.FewShotAccuracy;
import ai.alignet.ml.eval.LevelAgreement;
import ai.alignet.ml.eval.PixelNearestClassMean;
import ai.alignet.ml.eval.SubpopulationShift;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.EvaluationSpec;
import ai.alignet.pipeline.stages.EvaluateActivities;
import ai.alignet.pipeline.stages.EvaluateRequest;
import ai.alignet.pipeline.stages.LevelScore;
import ai.alignet.pipeline.stages.ModelEvaluation;
import ai.alignet.pipeline.stages.ReportData;
import ai.alignet.pipeline.stages.ReportRequest;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.pipeline.stages.StudentEvaluation;
import ai.alignet.report.ReportPage;
import ai.alignet.runtime.PipelineMetrics;
import ai.alignet.storage.ArtifactStore;
import java.nio.charset.StandardCharsets;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Evaluates a student against people: the base backbone and the aligned student on the same held-out
 * Levels triplets (agreement, uncertainty, reaction times), the same subpopulation-shift probe, few-shot
 * draws and adversarially filtered images; then stores the run's report.
 */
public final class EvaluateActivitiesImpl implements EvaluateActivities {

    // Few-shot settings are fixed here rather than in EvaluationSpec: the published protocol's shot
    // counts, enough draws for a stable mean, and a ridge penalty suited to unit-length embeddings
    // (also the penalty of the adversarially filtered probe, the same ridge classifier).
    static final int[] FEW_SHOTS = {1, 5, 10};
    static final int FEW_SHOT_DRAWS = 5;
    static final double FEW_SHOT_L2 = 0.1;

    private final ArtifactStore store;
    private final StageCache cache;

    public EvaluateActivitiesImpl(ArtifactStore store) {
        this.store = store;
        this.cache = new StageCache(store);
    }

    @Override
    public StudentEvaluation evaluateStudent(EvaluateRequest request) {
        return ActivityFailures.guard(() -> cache.getOrCompute(request.context(), StudentEvaluation.class, started -> {
            Catalog catalog = Catalog.fromJson(store.get(request.catalog()), request.catalog().key());
            Map<String, Integer> index = new HashMap<>();
            List<String> names = ImageShards.fileNames(store, request.levelsShard());
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
            List<JudgedTriplet> triplets =
                    LevelsCsv.read(store.get(request.levelsTriplets()), request.levelsTriplets().key(), index);
            Heartbeats.beat("evaluate", 0);
            ModelEvaluation baseline;
            ModelEvaluation aligned;
            int[] filtered;
            try (StoredModel base = StoredModel.open(store, request.baseModel());
                    StoredModel student = StoredModel.open(store, request.alignedModel())) {
                if (student.imageSize() != base.imageSize()) {
                    throw new InvalidInputException(request.alignedModel().key() + " takes " + student.imageSize()
                            + " px images but its base model " + request.baseModel().key() + " takes " + base.imageSize()
                            + "; a student must keep its backbone's input size");
                }
                // Both models see the same images: decode the Levels set and the corpus once.
                List<ChwImage> levels = ImageShards.decode(store, request.levelsShard(), base.imageSize());
                List<ChwImage> corpus = ImageShards.decodeAll(store, request.corpusShards(), base.imageSize());
                // ImageNet-A-style: the Levels images that a raw-pixel classifier, fitted on the corpus, gets
                // wrong; chosen once, without either model, so both are probed on the same images.
                filtered = PixelNearestClassMean.fit(unitFloats(corpus), Catalog.categories(catalog.corpus()), catalog.categories().size())
                        .errors(unitFloats(levels), Catalog.categories(catalog.levels()));
                baseline = evaluate(base, levels, corpus, filtered, request, catalog, triplets);
                Heartbeats.beat("evaluate", 1);
                aligned = evaluate(student, levels, corpus, filtered, request, catalog, triplets);
            }
            Map<String, List<JudgedTriplet>> byType = new LinkedHashMap<>();
            for (JudgedTriplet t : triplets) {
                byType.computeIfAbsent(t.type(), k -> new ArrayList<>()).add(t);
            }
            Map<String, Double> ceiling = new LinkedHashMap<>();
            byType.forEach((type, list) -> ceiling.put(type, AgreementEvaluator.humanCeiling(list)));
            return new StudentEvaluation(request.student(), baseline, aligned, ceiling, filtered.length,
                    new StageTiming(false, StageCache.secondsSince(started)));
        }));
    }

    /** The images as [0, 1] floats, made one at a time as the pixel filter reads them (not a second copy of the shard). */
    private static List<float[]> unitFloats(List<ChwImage> images) {
        return new AbstractList<>() {
            @Override
            public float[] get(int index) {
                return images.get(index).toUnitFloats();
            }

            @Override
            public int size() {
                return images.size();
            }
        };
    }

    private static ModelEvaluation evaluate(StoredModel model, List<ChwImage> levelImages, List<ChwImage> corpusImages,
            int[] filtered, EvaluateRequest request, Catalog catalog, List<JudgedTriplet> triplets) {
        EvaluationSpec spec = request.evaluation();
        EmbeddingMatrix levels = model.embed(levelImages);
        Map<String, LevelScore> agreement = new LinkedHashMap<>();
        for (Map.Entry<String, LevelAgreement> e :
                AgreementEvaluator.evaluate(levels, triplets, spec.bootstrapSamples(), request.seed()).entrySet()) {
            LevelAgreement a = e.getValue();
            agreement.put(e.getKey(), new LevelScore(a.n(), a.accuracy(), a.ciLow(), a.ciHigh()));
        }
        double uncertainty = AgreementEvaluator.entropyUncertaintyCorrelation(levels, triplets, 1.0);
        OptionalDouble reactionTimes = AgreementEvaluator.reactionTimeCorrelation(levels, triplets, 1.0);
        // BREEDS-style shift: a superordinate probe trained on some basic categories, tested on the others.
        EmbeddingMatrix corpus = model.embed(corpusImages);
        PipelineMetrics.imagesEmbedded("evaluate", levels.rows() + corpus.rows());
        double probe = SubpopulationShift.probeAccuracy(corpus, Catalog.superordinates(catalog.corpus()),
                Catalog.categories(catalog.corpus()), catalog.superordinateCount(), spec.probeL2(), spec.probeIterations());
        int[] categories = Catalog.categories(catalog.corpus());
        int categoryCount = catalog.categories().size();
        Map<Integer, Double> fewShot = new LinkedHashMap<>();
        for (FewShotAccuracy.Score score : FewShotAccuracy.evaluate(corpus, categories, categoryCount,
                FewShotAccuracy.feasibleShots(categories, categoryCount, FEW_SHOTS), FEW_SHOT_DRAWS, request.seed(), FEW_SHOT_L2)) {
            fewShot.put(score.shots(), score.meanAccuracy());
        }
        AdversarialShift.Result adversarial = AdversarialShift.probe(corpus, categories, levels,
                Catalog.categories(catalog.levels()), filtered, categoryCount, FEW_SHOT_L2);
        return new ModelEvaluation(agreement, probe, Double.isFinite(uncertainty) ? uncertainty : 0.0, fewShot,
                reactionTimes.isPresent() ? reactionTimes.getAsDouble() : null,
                adversarial.n() > 0 ? adversarial.accuracy() : null);
    }

    @Override
    public ReportData writeReport(ReportRequest request) {
        return ActivityFailures.guard(() -> {
            String prefix = "runs/" + request.context().runId() + "/";
            ArtifactRef json = store.put(prefix + "report.json", request.reportJson().getBytes(StandardCharsets.UTF_8));
            ArtifactRef html = store.put(prefix + "report.html",
                    ReportPage.render(request.reportJson()).getBytes(StandardCharsets.UTF_8));
            return new ReportData(json, html);
        });
    }
}
