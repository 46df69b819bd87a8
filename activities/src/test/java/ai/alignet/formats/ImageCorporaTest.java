package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.model.ImageDecoder;
import ai.alignet.ml.model.ImagePixels;
import ai.alignet.storage.S3ArtifactStore;
import ai.alignet.testing.S3ProxyServer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image corpora as they arrive: WebDataset tar shards written by Python's tarfile with JPEG and PNG
 * members, and ImageNet-style folder trees under an S3 prefix; broken inputs are named.
 */
class ImageCorporaTest {

    @TempDir
    Path dir;

    private static byte[] encode(String format, int rgb) throws Exception {
        BufferedImage image = new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                image.setRGB(x, y, rgb);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void readsAWebDatasetShardThatPythonsTarfileWroteWithJpegAndPng() throws Exception {
        Files.write(dir.resolve("a.jpg"), encode("jpg", 0x808080));
        Files.write(dir.resolve("b.png"), encode("png", 0xff0000));
        PythonProcess.run(dir, """
                import tarfile, io
                with tarfile.open('shard-000.tar', 'w', format=tarfile.GNU_FORMAT) as t:
                    for key, img, cls in [('s/000001', 'a.jpg', b'3'), ('s/000002', 'b.png', b'7')]:
                        t.add(img, arcname=key + '.' + img.split('.')[1])
                        info = tarfile.TarInfo(key + '.cls'); info.size = len(cls)
                        t.addfile(info, io.BytesIO(cls))
                """);
        byte[] tar = Files.readAllBytes(dir.resolve("shard-000.tar"));
        Map<String, Map<String, byte[]>> samples = TarShard.samples(TarShard.read(tar, "shard-000.tar"));
        assertThat(samples.keySet()).containsExactly("s/000001", "s/000002");
        assertThat(samples.get("s/000001").keySet()).containsExactly("jpg", "cls");
        float[] grey = ImagePixels.decodeChw(samples.get("s/000001").get("jpg"), "s/000001.jpg", 16);
        assertThat(grey[0]).isCloseTo(128 / 255f, org.assertj.core.data.Offset.offset(2 / 255f));
        float[] red = ImageDecoder.decodeChw(samples.get("s/000002").get("png"), 16).toUnitFloats();
        assertThat(new float[] {red[0], red[256], red[512]}).containsExactly(1f, 0f, 0f);
        assertThat(new String(samples.get("s/000002").get("cls"))).isEqualTo("7");

        assertThatThrownBy(() -> TarShard.read(Arrays.copyOf(tar, 700), "shard-000.tar"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("shard-000.tar").hasMessageContaining("truncated");
        byte[] jpeg = samples.get("s/000001").get("jpg");
        assertThatThrownBy(() -> ImagePixels.decodeChw(Arrays.copyOf(jpeg, 40), "s/000001.jpg", 16))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("s/000001.jpg:");
    }

    @Test
    void listsAFolderTreeUnderAnS3PrefixWithClassesFromFolderNames() throws Exception {
        try (S3ProxyServer s3 = S3ProxyServer.startInMemory()) {
            S3ArtifactStore store = new S3ArtifactStore(s3.storeConfig("corpus"));
            store.ensureBucket();
            store.put("imagenet/train/n02/b.JPEG", encode("jpg", 0x00ff00));
            store.put("imagenet/train/n01/a.png", encode("png", 0x0000ff));
            store.put("imagenet/train/n01/c.jpg", encode("jpg", 0x0000ff));
            store.put("imagenet/train/LOC_synset_mapping.txt", "n01 x".getBytes());
            store.put("imagenet/val/n01/z.png", encode("png", 0));
            List<ImageFolderTree.Image> images = ImageFolderTree.list(store, "imagenet/train");
            assertThat(images).extracting(ImageFolderTree.Image::path)
                    .containsExactly("n01/a.png", "n01/c.jpg", "n02/b.JPEG");
            assertThat(images).extracting(ImageFolderTree.Image::classIndex).containsExactly(0, 0, 1);
            byte[] bytes = store.get(store.stat(images.get(2).key()).orElseThrow());
            assertThat(ImagePixels.decodeChw(bytes, images.get(2).key(), 16)[256]).isGreaterThan(0.9f);
            assertThatThrownBy(() -> ImageFolderTree.list(store, "imagenet/test"))
                    .hasMessageContaining("imagenet/test/: no .jpg, .jpeg or .png images");
        }
    }
}
