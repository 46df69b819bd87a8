package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.AligNetLabelImport;
import ai.alignet.formats.AligNetLabelsNpz;
import ai.alignet.formats.Catalog;
import ai.alignet.formats.LabelShardFile;
import ai.alignet.formats.PythonProcess;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.LabelSpec;
import ai.alignet.pipeline.stages.LabelActivities;
import ai.alignet.pipeline.stages.LabelData;
import ai.alignet.pipeline.stages.LabelRequest;
import ai.alignet.pipeline.stages.ClusterData;
import ai.alignet.pipeline.stages.ClusterRequest;
import ai.alignet.pipeline.stages.StageContext;
import ai.alignet.pipeline.stages.StageTiming;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.S3ProxyServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alignet labels}: import validates numpy-written AligNet files (dry run, no server) and
 * rejects bad ones with file/field/record named; storing turns them into our label shards; export
 * finds a run's label stage in its Temporal history and writes an .npz that numpy loads back exactly.
 */
class LabelsCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String NUMPY_LABELS = """
            import sys, numpy as np
            idx = np.array([[10, 20, 30], [10, 40, 50], [60, 20, 70]])
            names = np.vectorize(lambda i: 'n01440764/img_%d.JPEG' % i)(idx).astype('<U40')
            sims = np.array([[3.0, 2.5, -1.0], [1.0, 0.5, 0.25], [9.0, 8.0, 7.0]], dtype=np.float32)
            if sys.argv[1] == 'bad':
                idx[2, 1] = -1
            np.savez_compressed('labels.npz', filenames=names, similarities=sims, indices=idx)
            """;

    @TempDir
    Path dir;

    @Test
    void dryRunImportValidatesNumpysFileWithoutAServer() throws Exception {
        PythonProcess.run(dir, NUMPY_LABELS, "good");
        CapturedRun run = CapturedRun.of("labels", "import", dir.resolve("labels.npz").toString(), "--format",
                "alignet-npz", "--dry-run");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("3 triplets in ").contains("dry run");
    }

    @Test
    void badFilesExitNonZeroNamingFileRecordAndProblem() throws Exception {
        PythonProcess.run(dir, NUMPY_LABELS, "bad");
        CapturedRun run = CapturedRun.of("labels", "import", dir.resolve("labels.npz").toString(), "--dry-run");
        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("labels.npz record 2: indices[2][1] = -1 is out of range");

        Path truncated = dir.resolve("cut.npz");
        PythonProcess.run(dir, NUMPY_LABELS, "good");
        byte[] good = Files.readAllBytes(dir.resolve("labels.npz"));
        Files.write(truncated, java.util.Arrays.copyOf(good, good.length / 2));
        CapturedRun cut = CapturedRun.of("labels", "import", truncated.toString(), "--dry-run");
        assertThat(cut.exit()).isEqualTo(2);
        assertThat(cut.err()).contains("cut.npz").contains("truncated");

        CapturedRun format = CapturedRun.of("labels", "import", truncated.toString(), "--format", "csv", "--dry-run");
        assertThat(format.exit()).isEqualTo(2);
        assertThat(format.err()).contains("--format must be alignet-npz");
    }

    @Test
    void storingAnImportWritesShardsOverDenseImageIds() throws Exception {
        PythonProcess.run(dir, NUMPY_LABELS, "good");
        byte[] npz = Files.readAllBytes(dir.resolve("labels.npz"));
        AligNetLabelsNpz.Labels labels = AligNetLabelsNpz.read(npz, "labels.npz", -1);
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
            S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig("imports"));
            store.ensureBucket();
            AligNetLabelImport.Stored imported = AligNetLabelImport.store(store, npz, labels);
            assertThat(imported.images()).isEqualTo(7);
            List<LabelledTriplet> shard = LabelShardFile.decode(store.get(imported.shards().get(0)), "shard", 7);
            // Dense ids follow the sorted official indices 10, 20, 30, 40, 50, 60, 70.
            assertThat(shard).containsExactly(new LabelledTriplet(0, 1, 2, 3.0f, 2.5f, -1.0f),
                    new LabelledTriplet(0, 3, 4, 1.0f, 0.5f, 0.25f), new LabelledTriplet(5, 1, 6, 9.0f, 8.0f, 7.0f));
            JsonNode images = JSON.readTree(store.get(imported.imageList()));
            assertThat(images.get(6).get("index").asLong()).isEqualTo(70);
            assertThat(images.get(6).get("file").asText()).isEqualTo("n01440764/img_70.JPEG");
            assertThat(store.get(imported.original())).isEqualTo(npz);
        }
    }

    @WorkflowInterface
    public interface LabelOnly {
        @WorkflowMethod
        LabelData run(LabelRequest request);
    }

    public static class LabelOnlyImpl implements LabelOnly {
        private final LabelActivities labels = Workflow.newActivityStub(LabelActivities.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(30)).build());

        @Override
        public LabelData run(LabelRequest request) {
            return labels.label(request);
        }
    }

    /** Writes two label shards for a five-image catalog, as the real label stage would. */
    static final class StoredLabels implements LabelActivities {
        private final S3ArtifactStore store;

        StoredLabels(S3ArtifactStore store) {
            this.store = store;
        }

        @Override
        public ClusterData cluster(ClusterRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public LabelData label(LabelRequest request) {
            ArtifactRef a = store.put("stages/label/k/labels-00000.bin", LabelShardFile.encode(List.of(
                    new LabelledTriplet(0, 1, 2, 4.5f, 3.25f, -0.5f), new LabelledTriplet(3, 4, 0, 1f, 2f, 0.5f))));
            ArtifactRef b = store.put("stages/label/k/labels-00001.bin", LabelShardFile.encode(List.of(
                    new LabelledTriplet(4, 2, 1, 0.125f, 0.25f, -7f))));
            ArtifactRef v = store.put("stages/label/k/validation.bin", LabelShardFile.encode(List.of(
                    new LabelledTriplet(2, 3, 4, 1f, 1f, 0f))));
            return new LabelData(List.of(a, b), v, 3, 1, new StageTiming(false, 0.1));
        }
    }

    @Test
    void exportFindsTheLabelStageInHistoryAndNumpyLoadsTheFile() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory();
                TestWorkflowEnvironment env = TestWorkflowEnvironment.newInstance()) {
            S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig("labels"));
            store.ensureBucket();
            List<Catalog.Image> corpus = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                corpus.add(new Catalog.Image("corpus/img-" + i + ".png", i % 2, 0, 0, 0));
            }
            ArtifactRef catalog = store.put("world/catalog.json", new Catalog(List.of(), corpus, List.of(), List.of()).toJson());
            Worker worker = env.newWorker("labels-test");
            worker.registerWorkflowImplementationTypes(LabelOnlyImpl.class);
            worker.registerActivitiesImplementations(new StoredLabels(store));
            env.start();
            LabelOnly workflow = env.getWorkflowClient().newWorkflowStub(LabelOnly.class,
                    WorkflowOptions.newBuilder().setTaskQueue("labels-test").setWorkflowId("run-42").build());
            ArtifactRef dummy = new ArtifactRef("x", "0".repeat(64), 0);
            workflow.run(new LabelRequest(new StageContext("run-42", "label", "k", "d"),
                    new LabelSpec("random", 2, 3, 1, 2), dummy, dummy, catalog, 7));

            LabelStageHistory.LabelStage stage = LabelStageHistory.find(env.getWorkflowClient(), "run-42");
            assertThat(stage.data().trainTriplets()).isEqualTo(3);
            AligNetLabelsNpz.Labels labels = LabelsCommand.collect(store, stage, "train");
            Files.write(dir.resolve("export.npz"), AligNetLabelsNpz.write(labels, true));
            JsonNode loaded = JSON.readTree(PythonProcess.run(dir, """
                    import json, numpy as np
                    d = np.load('export.npz')
                    print(json.dumps({k: d[k].tolist() for k in d.files} | {'dtypes': [str(d[k].dtype) for k in d.files]}))
                    """));
            assertThat(loaded.get("indices").toString()).isEqualTo("[[0,1,2],[3,4,0],[4,2,1]]");
            assertThat(loaded.get("similarities").toString()).isEqualTo("[[4.5,3.25,-0.5],[1.0,2.0,0.5],[0.125,0.25,-7.0]]");
            assertThat(loaded.get("filenames").get(2).toString())
                    .isEqualTo("[\"corpus/img-4.png\",\"corpus/img-2.png\",\"corpus/img-1.png\"]");
            assertThat(loaded.get("dtypes").toString()).isEqualTo("[\"<U16\",\"float32\",\"int64\"]");
            assertThat(LabelsCommand.collect(store, stage, "validation").size()).isEqualTo(1);
        }
    }
}
