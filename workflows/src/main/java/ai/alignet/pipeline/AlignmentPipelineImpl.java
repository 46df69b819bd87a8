package ai.alignet.pipeline;

import ai.alignet.pipeline.report.Agreement;
import ai.alignet.pipeline.report.BaselineAligned;
import ai.alignet.pipeline.report.BeforeAfter;
import ai.alignet.pipeline.report.LabelsReport;
import ai.alignet.pipeline.report.PipelineReport;
import ai.alignet.pipeline.report.StudentReport;
import ai.alignet.pipeline.report.TeacherReport;
import ai.alignet.pipeline.spec.FieldError;
import ai.alignet.pipeline.spec.InvalidSpecException;
import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.pipeline.spec.ReleasedLabels;
import ai.alignet.pipeline.spec.SpecDigest;
import ai.alignet.pipeline.spec.SpecParser;
import ai.alignet.pipeline.spec.StudentSpec;
import ai.alignet.pipeline.stages.BackboneData;
import ai.alignet.pipeline.stages.BackboneRequest;
import ai.alignet.pipeline.stages.ClusterData;
import ai.alignet.pipeline.stages.ClusterRequest;
import ai.alignet.pipeline.stages.DistillActivities;
import ai.alignet.pipeline.stages.DistillData;
import ai.alignet.pipeline.stages.DistillRequest;
import ai.alignet.pipeline.stages.EmbedActivities;
import ai.alignet.pipeline.stages.EmbedData;
import ai.alignet.pipeline.stages.EmbedRequest;
import ai.alignet.pipeline.stages.EvaluateActivities;
import ai.alignet.pipeline.stages.EvaluateRequest;
import ai.alignet.pipeline.stages.ImportActivities;
import ai.alignet.pipeline.stages.LabelActivities;
import ai.alignet.pipeline.stages.LabelData;
import ai.alignet.pipeline.stages.LabelRequest;
import ai.alignet.pipeline.stages.LevelScore;
import ai.alignet.pipeline.stages.ModelEvaluation;
import ai.alignet.pipeline.stages.PrepareActivities;
import ai.alignet.pipeline.stages.ReportData;
import ai.alignet.pipeline.stages.ReleasedLabelsData;
import ai.alignet.pipeline.stages.ReleasedLabelsRequest;
import ai.alignet.pipeline.stages.ReportRequest;
import ai.alignet.pipeline.stages.StageContext;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.pipeline.stages.StudentEvaluation;
import ai.alignet.pipeline.stages.TeacherActivities;
import ai.alignet.pipeline.stages.TeacherData;
import ai.alignet.pipeline.stages.TeacherRequest;
import ai.alignet.pipeline.stages.WorldData;
import ai.alignet.pipeline.stages.WorldRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Orchestrates the stages; computes nothing itself. Every stage's unit of work carries a cache key, so
 * a rerun (or a retried activity) finds finished outputs in the store instead of recomputing them.
 */
public final class AlignmentPipelineImpl implements AlignmentPipeline {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrepareActivities prepare = Workflow.newActivityStub(PrepareActivities.class, StagePolicies.cpu());
    private final LabelActivities labels = Workflow.newActivityStub(LabelActivities.class, StagePolicies.cpu());
    private final ImportActivities imports = Workflow.newActivityStub(ImportActivities.class, StagePolicies.cpu());
    private final EvaluateActivities reports = Workflow.newActivityStub(EvaluateActivities.class, StagePolicies.cpu());
    private final EmbedActivities embed = Workflow.newActivityStub(EmbedActivities.class, StagePolicies.gpu());
    private final TeacherActivities teacher = Workflow.newActivityStub(TeacherActivities.class, StagePolicies.gpu());
    private final DistillActivities distill = Workflow.newActivityStub(DistillActivities.class, StagePolicies.distill());
    private final EvaluateActivities evaluate = Workflow.newActivityStub(EvaluateActivities.class, StagePolicies.gpu());

    private final Preemptible preemptible = new Preemptible();
    private StageBoard board = new StageBoard();
    private String runId;
    private String specDigest;

    @Override
    public PipelineResult run(JsonNode input) {
        PipelineSpec spec = validated(input);
        runId = Workflow.getInfo().getWorkflowId();
        specDigest = SpecDigest.of(spec);
        RunSearchAttributes.upsertIdentity(runId, spec, specDigest);
        long startedAt = Workflow.currentTimeMillis();
        if (spec.labels().fromReleased()) {
            board = new StageBoard(StageBoard.RELEASED_LABEL_STAGES);
        }

        Prepared prepared = stage("prepare", prepareUnits(spec), () -> prepareStage(spec));
        TrainingLabels training = spec.labels().fromReleased()
                ? stage("import", 1, () -> importStage(spec, spec.labels().released()))
                : teacherLabels(spec, prepared);
        List<DistillData> students =
                stage("distill", spec.students().size(), () -> distillStage(spec, prepared, training));
        List<StudentEvaluation> evaluations =
                stage("evaluate", spec.students().size(), () -> evaluateStage(spec, prepared, students));

        PipelineReport report = new PipelineReport(
                runId,
                specDigest,
                spec.name(),
                spec.preset(),
                training.teacher() == null ? null : teacherReport(training.teacher()),
                training.report(),
                evaluations.get(0).humanCeiling(),
                studentReports(students, evaluations),
                board.report(),
                (Workflow.currentTimeMillis() - startedAt) / 1000.0);
        String reportJson = toJson(report);
        // The report is keyed by run, not cached: it names this run's workflow id.
        ReportData stored = reports.writeReport(new ReportRequest(context("report", CacheKeys.keySegment(runId)), reportJson));
        board.completed();
        RunSearchAttributes.upsertStage("done");
        return new PipelineResult(runId, specDigest, stored.reportJson(), stored.reportHtml(), reportJson);
    }

    @Override
    public Progress progress() {
        return board.progress();
    }

    private static PipelineSpec validated(JsonNode input) {
        try {
            return SpecParser.parse(input);
        } catch (InvalidSpecException e) {
            List<String> fields = e.errors().stream().map(FieldError::toString).toList();
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), InvalidSpecException.FAILURE_TYPE, fields);
        }
    }

    private static TeacherReport teacherReport(TeacherData fitted) {
        return new TeacherReport(
                new BeforeAfter(fitted.accuracyBefore(), fitted.accuracyAfter()),
                new BeforeAfter(fitted.logLikelihoodBefore(), fitted.logLikelihoodAfter()),
                new BeforeAfter(fitted.eceBefore(), fitted.eceAfter()),
                fitted.temperature(),
                fitted.epochs());
    }

    // ---- stages ----

    /** @param teacher null when no teacher ran (released labels) */
    private record Prepared(WorldData world, BackboneData teacher, Map<String, BackboneData> students) {}

    /**
     * What distillation trains on: label shards whose image ids index {@code images}' images in order.
     * {@code teacher} is the fit that produced them, or null for released labels.
     */
    private record TrainingLabels(List<ArtifactRef> shards, List<ArtifactRef> images, TeacherData teacher,
            LabelsReport report) {}

    private record TeacherInputs(BackboneData teacher, List<EmbedData> corpus, EmbedData things) {}

    /** The world, every student's base model and, unless the labels are released, the teacher's backbone. */
    private static int prepareUnits(PipelineSpec spec) {
        return (spec.labels().fromReleased() ? 1 : 2) + spec.students().size();
    }

    private Prepared prepareStage(PipelineSpec spec) {
        Promise<WorldData> world = Async.function(prepare::generateWorld, new WorldRequest(
                context("prepare", CacheKeys.of("prepare", List.of("world", spec.world(), spec.seed()), List.of())),
                spec.world(),
                spec.seed()));
        Promise<BackboneData> teacherModel = spec.labels().fromReleased() ? null : Async.function(prepare::prepareBackbone,
                backbone("teacher", "teacher", spec.teacher().backbone(), spec.seed()));
        Map<String, Promise<BackboneData>> studentModels = new LinkedHashMap<>();
        for (StudentSpec s : spec.students()) {
            studentModels.put(s.name(), Async.function(prepare::prepareBackbone,
                    backbone("student", s.name(), s.backbone(), studentSeed(spec, s))));
        }
        WorldData worldData = world.get();
        unit("prepare", worldData.timing());
        BackboneData teacherData = null;
        if (teacherModel != null) {
            teacherData = teacherModel.get();
            unit("prepare", teacherData.timing());
        }
        List<String> names = List.copyOf(studentModels.keySet());
        List<BackboneData> models = awaitUnits("prepare", List.copyOf(studentModels.values()), BackboneData::timing);
        Map<String, BackboneData> students = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            students.put(names.get(i), models.get(i));
        }
        return new Prepared(worldData, teacherData, students);
    }

    private BackboneRequest backbone(String role, String name, String backbone, long seed) {
        String key = CacheKeys.of("prepare", List.of("backbone", role, name, backbone, seed), List.of());
        return new BackboneRequest(context("prepare", key), role, name, backbone, seed);
    }

    /** The teacher path: embed, fit the teacher, cluster, sample and score triplets. */
    private TrainingLabels teacherLabels(PipelineSpec spec, Prepared prepared) {
        TeacherInputs embedded = stage("embed", prepared.world.corpusShards().size() + 1, () -> embedStage(prepared));
        TeacherData fitted = stage("teacher", 1, () -> teacherStage(spec, prepared.world, embedded));
        ClusterData clusters = stage("cluster", 1, () -> clusterStage(spec, fitted, embedded));
        LabelData labelled = stage("label", 1, () -> labelStage(spec, prepared.world, clusters));
        return new TrainingLabels(labelled.trainShards(), prepared.world.corpusShards(), fitted,
                LabelsReport.teacher(labelled.trainTriplets()));
    }

    /**
     * Released labels: the import re-reads the images on every run (keyed by run), so a changed image
     * under the prefix is never served stale; distillation downstream is keyed by the packed shards'
     * content and so still reuses finished students when nothing changed.
     */
    private TrainingLabels importStage(PipelineSpec spec, ReleasedLabels released) {
        String key = CacheKeys.of("import", List.of(released, spec.world().shardSize(), runId), List.of());
        ReleasedLabelsData data = imports.importReleasedLabels(
                new ReleasedLabelsRequest(context("import", key), released, spec.world().shardSize()));
        unit("import", data.timing());
        return new TrainingLabels(data.labelShards(), data.imageShards(), null,
                LabelsReport.released(data.triplets(), released.importPrefix(), released.imagesPrefix()));
    }

    private TeacherInputs embedStage(Prepared prepared) {
        List<Promise<EmbedData>> corpus = new ArrayList<>();
        for (ArtifactRef shard : prepared.world.corpusShards()) {
            corpus.add(Async.function(embed::embedShard, embedRequest(prepared.teacher.model(), shard)));
        }
        Promise<EmbedData> things =
                Async.function(embed::embedShard, embedRequest(prepared.teacher.model(), prepared.world.thingsShard()));
        List<EmbedData> corpusData = awaitUnits("embed", corpus, EmbedData::timing);
        EmbedData thingsData = things.get();
        unit("embed", thingsData.timing());
        return new TeacherInputs(prepared.teacher, corpusData, thingsData);
    }

    private EmbedRequest embedRequest(ArtifactRef model, ArtifactRef shard) {
        return new EmbedRequest(context("embed", CacheKeys.of("embed", "embed", List.of(model, shard))), model, shard);
    }

    private TeacherData teacherStage(PipelineSpec spec, WorldData world, TeacherInputs in) {
        List<ArtifactRef> inputs = new ArrayList<>(embeddingRefs(in.corpus));
        inputs.add(in.things.embeddings());
        inputs.add(world.humanTrain());
        inputs.add(world.humanHeldOut());
        String key = CacheKeys.of("teacher", List.of(spec.teacher(), spec.seed()), inputs);
        TeacherData data = teacher.fitTeacher(new TeacherRequest(context("teacher", key), spec.teacher(),
                in.things.embeddings(), embeddingRefs(in.corpus), world.humanTrain(), world.humanHeldOut(), spec.seed()));
        unit("teacher", data.timing());
        return data;
    }

    private ClusterData clusterStage(PipelineSpec spec, TeacherData fitted, TeacherInputs in) {
        List<ArtifactRef> inputs = new ArrayList<>(embeddingRefs(in.corpus));
        inputs.add(fitted.transform());
        String key = CacheKeys.of("cluster", List.of(spec.labels().clusters(), spec.seed()), inputs);
        ClusterData data = labels.cluster(new ClusterRequest(context("cluster", key), fitted.transform(),
                embeddingRefs(in.corpus), spec.labels().clusters(), spec.seed()));
        unit("cluster", data.timing());
        return data;
    }

    private LabelData labelStage(PipelineSpec spec, WorldData world, ClusterData clusters) {
        String key = CacheKeys.of("label", List.of(spec.labels(), spec.seed()),
                List.of(clusters.alignedEmbeddings(), clusters.assignments(), world.catalog()));
        LabelData data = labels.label(new LabelRequest(context("label", key), spec.labels(),
                clusters.alignedEmbeddings(), clusters.assignments(), world.catalog(), spec.seed()));
        unit("label", data.timing());
        return data;
    }

    private List<DistillData> distillStage(PipelineSpec spec, Prepared prepared, TrainingLabels labelled) {
        List<Promise<DistillData>> running = new ArrayList<>();
        for (StudentSpec s : spec.students()) {
            BackboneData base = prepared.students.get(s.name());
            List<ArtifactRef> inputs = new ArrayList<>(labelled.shards());
            inputs.add(base.model());
            inputs.addAll(labelled.images());
            String key = CacheKeys.of("distill", List.of(s, studentSeed(spec, s)), inputs);
            DistillRequest request = new DistillRequest(context("distill", key), s, base.model(),
                    labelled.shards(), labelled.images(), studentSeed(spec, s));
            running.add(Async.function(() -> preemptible.call("distill", () -> distill.distill(request))));
        }
        return awaitUnits("distill", running, DistillData::timing);
    }

    private List<StudentEvaluation> evaluateStage(PipelineSpec spec, Prepared prepared, List<DistillData> students) {
        List<Promise<StudentEvaluation>> running = new ArrayList<>();
        for (DistillData student : students) {
            ArtifactRef base = prepared.students.get(student.student()).model();
            WorldData w = prepared.world;
            List<ArtifactRef> inputs = new ArrayList<>(List.of(base, student.model(), w.levelsShard(), w.levelsTriplets(),
                    w.catalog()));
            inputs.addAll(w.corpusShards());
            String key = CacheKeys.of("evaluate", List.of(spec.evaluation(), spec.seed()), inputs);
            running.add(Async.function(evaluate::evaluateStudent, new EvaluateRequest(context("evaluate", key),
                    student.student(), base, student.model(), w.levelsShard(), w.levelsTriplets(), w.corpusShards(),
                    w.catalog(), spec.evaluation(), spec.seed())));
        }
        return awaitUnits("evaluate", running, StudentEvaluation::timing);
    }

    private static List<StudentReport> studentReports(List<DistillData> students, List<StudentEvaluation> evaluations) {
        List<StudentReport> out = new ArrayList<>();
        for (int i = 0; i < students.size(); i++) {
            DistillData d = students.get(i);
            StudentEvaluation e = evaluations.get(i);
            Map<String, Map<String, LevelScore>> intervals = new LinkedHashMap<>();
            intervals.put("baseline", e.baseline().agreement());
            intervals.put("aligned", e.aligned().agreement());
            out.add(new StudentReport(
                    d.student(),
                    new Agreement(accuracies(e.baseline()), accuracies(e.aligned())),
                    new BaselineAligned(e.baseline().shiftProbeAccuracy(), e.aligned().shiftProbeAccuracy()),
                    new BaselineAligned(e.baseline().uncertaintyCorrelation(), e.aligned().uncertaintyCorrelation()),
                    intervals,
                    d.steps(),
                    d.finalLoss(),
                    d.lossCurve(),
                    fewShot(e.baseline(), e.aligned()),
                    bothOrNull(e.baseline().reactionTimeCorrelation(), e.aligned().reactionTimeCorrelation()),
                    bothOrNull(e.baseline().adversarialProbeAccuracy(), e.aligned().adversarialProbeAccuracy()),
                    e.adversarialImages()));
        }
        return out;
    }

    private static Map<Integer, BaselineAligned> fewShot(ModelEvaluation baseline, ModelEvaluation aligned) {
        Map<Integer, BaselineAligned> out = new LinkedHashMap<>();
        // Null in an evaluation cached by a worker from before these metrics: the report then has none.
        if (baseline.fewShotAccuracy() != null && aligned.fewShotAccuracy() != null) {
            baseline.fewShotAccuracy().forEach((shots, accuracy) -> {
                Double other = aligned.fewShotAccuracy().get(shots);
                if (other != null) {
                    out.put(shots, new BaselineAligned(accuracy, other));
                }
            });
        }
        return out;
    }

    /** A baseline/aligned pair, or null (absent in the report) when either model has no value. */
    private static BaselineAligned bothOrNull(Double baseline, Double aligned) {
        return baseline == null || aligned == null ? null : new BaselineAligned(baseline, aligned);
    }

    private static Map<String, Double> accuracies(ModelEvaluation m) {
        Map<String, Double> out = new LinkedHashMap<>();
        m.agreement().forEach((level, score) -> out.put(level, score.accuracy()));
        return out;
    }

    // ---- bookkeeping ----

    /** Runs one stage, keeping the progress board true whether it succeeds or fails. */
    private <T> T stage(String name, int units, Supplier<T> body) {
        board.start(name, units);
        RunSearchAttributes.upsertStage(name);
        try {
            T result = body.get();
            board.finish(name);
            return result;
        } catch (RuntimeException e) {
            board.fail(name);
            RunSearchAttributes.upsertStage("failed");
            throw e;
        }
    }

    /** Waits for a stage's parallel units in order, ticking the progress board as each one lands. */
    private <T> List<T> awaitUnits(String stage, List<Promise<T>> running, Function<T, StageTiming> timing) {
        List<T> done = new ArrayList<>();
        for (Promise<T> p : running) {
            T result = p.get();
            unit(stage, timing.apply(result));
            done.add(result);
        }
        return done;
    }

    private void unit(String stage, StageTiming timing) {
        board.unitDone(stage, timing.cached());
    }

    private StageContext context(String stage, String cacheKey) {
        return new StageContext(runId, stage, cacheKey, specDigest);
    }

    private static List<ArtifactRef> embeddingRefs(List<EmbedData> data) {
        return data.stream().map(EmbedData::embeddings).toList();
    }

    private static long studentSeed(PipelineSpec spec, StudentSpec s) {
        return spec.seed() * 1_000_003L + SpecDigest.sha256(s.name()).hashCode();
    }

    private static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the report", e);
        }
    }
}
