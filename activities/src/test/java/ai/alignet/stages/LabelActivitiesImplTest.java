package ai.alignet.stages;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.EmbeddingFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.labels.LabelShards;
import ai.alignet.ml.labels.TripletSamplers;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.LabelSpec;
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
            SplittableRandom random = new SplittableRandom(9);
            float[] values = new float[items * 6];
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) random.nextGaussian();
            }
            EmbeddingMatrix aligned = new EmbeddingMatrix(items, 6, values);
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
