package ai.alignet.stages;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.EmbeddingFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.labels.LabelShards;
import ai.alignet.ml.labels.TripletSamplers;
import ai.alignet.ml.teacher.TeacherFitResult;
import ai.alignet.ml.teacher.TeacherTransform;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.LabelSpec;
import ai.alignet.pipeline.stages.ClusterData;
import ai.alignet.pipeline.stages.ClusterRequest;
import ai.alignet.pipeline.stages.LabelData;
import ai.alignet.pipeline.stages.LabelRequest;
import ai.alignet.pipeline.stages.StageContext;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.S3ProxyServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LabelActivitiesImplTest {

    @Test
    void clusterStoresTheCalibratedCorpusThroughAFileAsTheEmbeddingFormat() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
            S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig("cluster"));
            store.ensureBucket();
            TeacherTransform transform = TeacherTransform.identity(0.5f, 2f, 6).withTemperature(0.25);
            ArtifactRef fit = store.put("in/teacher.json", TeacherActivitiesImpl.JSON.writeValueAsBytes(
                    new TeacherFitResult(transform, 0, 0, 0, 0, 0, 0, 1, List.of(1.0))));
            EmbeddingMatrix first = EmbeddingMatrix.gaussian(30, 6, new SplittableRandom(1));
            EmbeddingMatrix second = EmbeddingMatrix.gaussian(20, 6, new SplittableRandom(2));
            List<ArtifactRef> shards = List.of(store.put("in/e0.bin", EmbeddingFile.encode(first)),
                    store.put("in/e1.bin", EmbeddingFile.encode(second)));

            ClusterData data = new LabelActivitiesImpl(store).cluster(
                    new ClusterRequest(new StageContext("run-1", "cluster", "c1", "d"), fit, shards, 3, 5));

            byte[] expected = EmbeddingFile.encode(transform.applyCalibrated(first.append(second)));
            assertThat(data.alignedEmbeddings().key()).isEqualTo("stages/cluster/c1/aligned.bin");
            assertThat(Arrays.mismatch(store.get(data.alignedEmbeddings()), expected)).isEqualTo(-1);
        }
    }

    @Test
    void storesTheShardsOfTheSeededDrawUnderTheStagePrefix() {
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
            S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig("labels"));
            store.ensureBucket();
            int items = 40;
            List<Catalog.Image> corpus = new ArrayList<>();
            int[] clusters = new int[items];
            for (int i = 0; i < items; i++) {
                corpus.add(new Catalog.Image("corpus/img-" + i + ".png", i % 4, 0, 0, 0));
                clusters[i] = (i * 3) % 5;
            }
            EmbeddingMatrix aligned = EmbeddingMatrix.gaussian(items, 6, new SplittableRandom(9));
            ArtifactRef alignedRef = store.put("in/aligned.bin", EmbeddingFile.encode(aligned));
            ArtifactRef assignments = store.put("in/assignments.json",
                    Arrays.toString(clusters).getBytes(StandardCharsets.UTF_8));
            ArtifactRef catalog = store.put("in/catalog.json", new Catalog(List.of(), corpus, List.of(), List.of()).toJson());
            LabelSpec spec = new LabelSpec("cluster_border_5", 5, 1000, 150, 300);

            LabelData data = new LabelActivitiesImpl(store).label(new LabelRequest(
                    new StageContext("run-1", "label", "k1", "d"), spec, alignedRef, assignments, catalog, 21));

            Map<String, byte[]> expected = new LinkedHashMap<>();
            LabelShards.write(aligned, TripletSamplers.forName(spec.sampling(), Catalog.categories(corpus), clusters),
                    1000, 150, 300, 21, (name, shard) -> expected.put(name, shard));
            assertThat(data.trainTriplets()).isEqualTo(1000);
            assertThat(data.validationTriplets()).isEqualTo(150);
            assertThat(data.trainShards()).extracting(ArtifactRef::key).containsExactly("stages/label/k1/labels-00000.bin",
                    "stages/label/k1/labels-00001.bin", "stages/label/k1/labels-00002.bin", "stages/label/k1/labels-00003.bin");
            for (ArtifactRef shard : data.trainShards()) {
                String name = shard.key().substring("stages/label/k1/".length());
                assertThat(store.get(shard)).as(name).isEqualTo(expected.get(name));
            }
            assertThat(store.get(data.validation())).isEqualTo(expected.get(LabelShards.VALIDATION_NAME));
        }
    }

}
