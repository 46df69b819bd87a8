package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.distill.DistillConfig;
import ai.alignet.ml.distill.DistillInputs;
import ai.alignet.ml.distill.Distiller;
import ai.alignet.ml.distill.StudentModels;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.Embedder;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ModelArchiveTest {

    private static List<ChwImage> images(int n, int size) {
        Random r = new Random(3);
        List<ChwImage> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            byte[] im = new byte[3 * size * size];
            r.nextBytes(im);
            out.add(new ChwImage(size, im));
        }
        return out;
    }

    @Test
    void backboneRoundTripGivesIdenticalEmbeddingsAndTrainsAsAStudent() {
        BackboneDescriptor d = SyntheticBackbones.student("s", 5);
        List<ChwImage> images = images(8, d.imageSize());
        byte[] archive;
        EmbeddingMatrix before;
        try (Model m = ModelFiles.newModel(d); Embedder e = new Embedder(m, d)) {
            before = e.embed(images, 4);
            archive = ModelArchive.write(ModelArchive.Card.backbone(d), m);
        }
        assertThat(ModelArchive.card(archive, "a").descriptor()).isEqualTo(d);
        try (Model loaded = ModelArchive.load(archive, "a")) {
            try (Embedder e = new Embedder(loaded, d)) {
                assertThat(e.embed(images, 4)).isEqualTo(before);
            }
            Block student = StudentModels.withHead(loaded.getBlock(), 16, 1);
            try (Model sm = ModelFiles.newModel(d, student)) {
                List<LabelledTriplet> labels = List.of(new LabelledTriplet(0, 1, 2, 3f, 1f, 0f),
                        new LabelledTriplet(3, 4, 5, 2f, 1f, 0f));
                DistillConfig cfg = new DistillConfig(3, 2, 1e-3, 0.0, 1.0, 100, "jsd", 16, 10, 1);
                var result = new Distiller().run(new DistillInputs(d, student, images, labels), cfg, null, null, null);
                assertThat(result.steps()).isEqualTo(3);
                byte[] studentArchive = ModelArchive.write(ModelArchive.Card.student(d, 16, 1), sm);
                try (Model reloaded = ModelArchive.load(studentArchive, "s"); Embedder e = new Embedder(reloaded, d);
                        Embedder original = new Embedder(sm, d)) {
                    assertThat(e.embed(images, 4)).isEqualTo(original.embed(images, 4));
                    assertThat(e.embed(images, 4).dim()).isEqualTo(16);
                }
            }
        }
    }
}
