package ai.alignet.stages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.formats.AligNetLabelImport;
import ai.alignet.formats.AligNetLabelsNpz;
import ai.alignet.formats.LabelShardFile;
import ai.alignet.formats.TarShard;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.ReleasedLabels;
import ai.alignet.pipeline.stages.ReleasedLabelsData;
import ai.alignet.pipeline.stages.ReleasedLabelsRequest;
import ai.alignet.pipeline.stages.StageContext;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.S3ProxyServer;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.temporal.failure.ApplicationFailure;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Released labels become distillation inputs: every triplet's three ids must point at the very image
 * its .npz file name names, whether the images sit in a folder tree or in tar shards (read in the
 * shards' own order), and uploaded by any S3 tool (no sha256 metadata). Missing or non-image files
 * fail the activity non-retryably, naming the file and the fix.
 */
class ImportActivitiesImplTest {

    /** Official indices deliberately sparse and out of file-name order. */
    private static final long[] INDEX = {40, 7, 12, 99, 3};
    private static final String[] FILES = {"n02/e.png", "n01/b.JPEG", "n01/c.png", "n03/z.jpg", "n01/a.png"};

    private S3ProxyServer s3;
    private S3ArtifactStore store;
    private MinioClient foreign;
    private String importPrefix;

    @BeforeEach
    void start() {
        s3 = S3ProxyServer.startInMemory();
        store = new S3ArtifactStore(s3.storeConfig("data"));
        store.ensureBucket();
        foreign = MinioClient.builder().endpoint(s3.endpoint())
                .credentials(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY).build();
        // Three triplets over the five images, by official index.
        long[] idx = {40, 7, 12, 99, 3, 7, 12, 40, 3};
        String[] names = new String[idx.length];
        for (int i = 0; i < idx.length; i++) {
            names[i] = FILES[position(idx[i])];
        }
        AligNetLabelsNpz.Labels labels = new AligNetLabelsNpz.Labels(names, idx, new double[] {3, 2, 1, 6, 5, 4, 9, 8, 7});
        byte[] npz = AligNetLabelsNpz.write(labels, true);
        importPrefix = AligNetLabelImport.store(store, npz, AligNetLabelsNpz.read(npz, "labels.npz", -1)).prefix();
    }

    @AfterEach
    void stop() {
        s3.close();
    }

    @Test
    void folderTreeKeepsTheImportsIdsAndEveryIdDecodesToItsOwnImage() throws Exception {
        for (int i = 0; i < FILES.length; i++) {
            putForeign("datasets/released/" + FILES[i], image(FILES[i], colour(i)));
        }
        ReleasedLabelsData data = importLabels("datasets/released/", 2);

        assertThat(data.triplets()).isEqualTo(3);
        assertThat(data.images()).isEqualTo(5);
        assertThat(data.imageShards()).hasSize(3); // 2 + 2 + 1 images
        assertEveryIdShowsTheNamedImage(data);
    }

    @Test
    void tarShardsArePackedInTheirOwnOrderAndTheLabelsFollow() throws Exception {
        // Two WebDataset shards, members named by the files, in an order unrelated to the official indices.
        List<TarShard.Member> first = new ArrayList<>();
        List<TarShard.Member> second = new ArrayList<>();
        first.add(new TarShard.Member(FILES[3], image(FILES[3], colour(3))));
        first.add(new TarShard.Member("n09/unused.png", image("x.png", 0x123456)));
        first.add(new TarShard.Member(FILES[0], image(FILES[0], colour(0))));
        second.add(new TarShard.Member(FILES[4], image(FILES[4], colour(4))));
        second.add(new TarShard.Member(FILES[1], image(FILES[1], colour(1))));
        second.add(new TarShard.Member(FILES[2], image(FILES[2], colour(2))));
        putForeign("datasets/shards/train-000.tar", TarShard.write(first));
        putForeign("datasets/shards/train-001.tar", TarShard.write(second));

        ReleasedLabelsData data = importLabels("datasets/shards/", 100);

        assertThat(data.images()).isEqualTo(5);
        assertThat(data.imageShards()).hasSize(1);
        assertEveryIdShowsTheNamedImage(data);
    }

    @Test
    void missingImagesAreNamedWithTheFix() throws Exception {
        putForeign("datasets/partial/" + FILES[0], image(FILES[0], colour(0)));
        assertThatThrownBy(() -> importLabels("datasets/partial/", 10))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("4 of 5 images named by " + importPrefix + " are not under datasets/partial/")
                .hasMessageContaining("n01/a.png")
                .hasMessageContaining("upload them there")
                .satisfies(e -> assertThat(((ApplicationFailure) e).isNonRetryable()).isTrue());
    }

    @Test
    void aFileThatIsNoImageIsNamed() throws Exception {
        for (int i = 0; i < FILES.length; i++) {
            putForeign("datasets/broken/" + FILES[i], i == 2 ? "not a picture".getBytes() : image(FILES[i], colour(i)));
        }
        assertThatThrownBy(() -> importLabels("datasets/broken/", 10))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("datasets/broken/n01/c.png: not a JPEG or PNG image");
    }

    @Test
    void aTruncatedImageThatPassesTheImportIsNamedByItsSourceWhenDecoded() throws Exception {
        for (int i = 0; i < FILES.length; i++) {
            byte[] bytes = image(FILES[i], colour(i));
            putForeign("datasets/cut/" + FILES[i], i == 3 ? java.util.Arrays.copyOf(bytes, 30) : bytes);
        }
        ReleasedLabelsData data = importLabels("datasets/cut/", 10);
        assertThatThrownBy(() -> ImageShards.decodeAll(store, data.imageShards(), 8))
                .hasMessageContaining("(from datasets/cut/n03/z.jpg)");
    }

    @Test
    void anUnknownImportPrefixSaysToImportFirst() {
        assertThatThrownBy(() -> importLabels("datasets/released/", 10, "imports/alignet-labels/nothing/"))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("no imported labels under 'imports/alignet-labels/nothing/'")
                .hasMessageContaining("./alignet labels import FILE");
    }

    /** Decodes the packed shards and checks each triplet id against the colour of the image its file name had. */
    private void assertEveryIdShowsTheNamedImage(ReleasedLabelsData data) {
        List<ChwImage> images = ImageShards.decodeAll(store, data.imageShards(), 8);
        assertThat(images).hasSize(5);
        List<LabelledTriplet> triplets = new ArrayList<>();
        for (ArtifactRef shard : data.labelShards()) {
            triplets.addAll(LabelShardFile.decode(store.get(shard), shard.key(), images.size()));
        }
        long[][] expected = {{40, 7, 12}, {99, 3, 7}, {12, 40, 3}};
        assertThat(triplets).hasSize(3);
        for (int t = 0; t < 3; t++) {
            int[] ids = {triplets.get(t).a(), triplets.get(t).b(), triplets.get(t).c()};
            for (int k = 0; k < 3; k++) {
                int file = position(expected[t][k]);
                assertThat(images.get(ids[k]).toUnitFloats()[0]).as("triplet %d item %d (%s)", t, k, FILES[file])
                        .isCloseTo((colour(file) >> 16) / 255f, Offset.offset(0.03f));
            }
        }
        assertThat(triplets.get(1).s01()).isEqualTo(6f);
    }

    private ReleasedLabelsData importLabels(String images, int perShard) {
        return importLabels(images, perShard, importPrefix);
    }

    private ReleasedLabelsData importLabels(String images, int perShard, String prefix) {
        StageContext context = new StageContext("run-1", "import", "k" + Math.abs((images + perShard + prefix).hashCode()), "d");
        return new ImportActivitiesImpl(store).importReleasedLabels(
                new ReleasedLabelsRequest(context, new ReleasedLabels(prefix, images), perShard));
    }

    private static int position(long officialIndex) {
        for (int i = 0; i < INDEX.length; i++) {
            if (INDEX[i] == officialIndex) {
                return i;
            }
        }
        throw new IllegalArgumentException("no image with index " + officialIndex);
    }

    /** Five clearly different red levels, so a swapped id is visible after decoding. */
    private static int colour(int i) {
        return (40 + 50 * i) << 16;
    }

    private static byte[] image(String file, int rgb) throws Exception {
        BufferedImage img = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                img.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, file.toLowerCase().endsWith(".png") ? "png" : "jpg", out);
        return out.toByteArray();
    }

    private void putForeign(String key, byte[] bytes) throws Exception {
        foreign.putObject(PutObjectArgs.builder().bucket("data").object(key)
                .stream(new ByteArrayInputStream(bytes), bytes.length, -1).build());
    }
}
