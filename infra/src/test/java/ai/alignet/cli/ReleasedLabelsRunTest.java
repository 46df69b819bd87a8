package ai.alignet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.devstack.DevStack;
import ai.alignet.formats.AligNetLabelImport;
import ai.alignet.formats.AligNetLabelsNpz;
import ai.alignet.formats.PythonProcess;
import ai.alignet.storage.S3ArtifactStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A run that distils from released labels: an AligNet .npz written by numpy over images uploaded
 * with a plain S3 client is imported, and {@code alignet demo} with {@code labels.released} trains
 * the student on it with no teacher, clustering or labelling stage; the report says where the labels
 * came from. A second run reuses the finished student (distillation is keyed by the packed content).
 */
class ReleasedLabelsRunTest {

    private static final int CLASSES = 3;
    private static final int PER_CLASS = 8;

    /** 400 triplets: two images of one class and one of another, the same-class pair most similar. */
    private static final String NUMPY_RELEASED_LABELS = """
            import numpy as np
            rng = np.random.default_rng(3)
            cls = np.repeat(np.arange(%d), %d)
            rows = []
            while len(rows) < 400:
                i, j, k = rng.integers(0, len(cls), 3)
                if i != j and cls[i] == cls[j] and cls[k] != cls[i]:
                    rows.append((i, j, k))
            idx = np.array(rows, dtype=np.int64) * 10 + 5   # official indices need not be dense
            names = np.vectorize(lambda n: 'n%%02d/img_%%03d.png' %% (((n - 5) // 10) // %d, (n - 5) // 10))(idx).astype('<U32')
            sims = np.stack([4 + rng.random(400), 1 + rng.random(400), rng.random(400)], 1).astype(np.float32)
            np.savez_compressed('released.npz', filenames=names, similarities=sims, indices=idx)
            """.formatted(CLASSES, PER_CLASS, PER_CLASS);

    @TempDir
    Path dir;

    @Test
    void distilsFromANumpyWrittenAligNetFileWithNoTeacherStages() throws Exception {
        Path data = dir.resolve("data");
        String importPrefix;
        try (DevStack stack = DevStack.start(0, 0, data, Map.of())) {
            S3ArtifactStore store = new S3ArtifactStore(stack.storeConfig("alignet"));
            store.ensureBucket();
            MinioClient plainClient = MinioClient.builder().endpoint(stack.s3Endpoint())
                    .credentials(DevStack.DEFAULT_ACCESS_KEY, DevStack.DEFAULT_SECRET_KEY).build();
            for (int n = 0; n < CLASSES * PER_CLASS; n++) {
                byte[] png = image(n / PER_CLASS, n);
                plainClient.putObject(PutObjectArgs.builder().bucket("alignet")
                        .object(String.format("datasets/released/n%02d/img_%03d.png", n / PER_CLASS, n))
                        .stream(new ByteArrayInputStream(png), png.length, -1).build());
            }
            PythonProcess.run(dir, NUMPY_RELEASED_LABELS);
            byte[] npz = Files.readAllBytes(dir.resolve("released.npz"));
            importPrefix = AligNetLabelImport.store(store, npz, AligNetLabelsNpz.read(npz, "released.npz", -1)).prefix();
        }

        Path spec = Files.writeString(dir.resolve("released.json"), """
                {"preset": "synthetic-tiny",
                 "labels": {"released": {"import": "%s", "images": "datasets/released"}},
                 "students": [{"name": "from-released", "steps": 12, "batchSize": 16}]}
                """.formatted(importPrefix));
        Path out = dir.resolve("out");
        int exit = new CommandLine(new AlignetCommand())
                .execute("demo", "--spec", spec.toString(), "--out", out.toString(), "--data", data.toString());

        assertThat(exit).isZero();
        JsonNode report = new ObjectMapper().readTree(out.resolve("report.json").toFile());
        assertThat(report.path("teacher").isNull()).isTrue();
        assertThat(report.path("labels").path("source").asText()).isEqualTo("released");
        assertThat(report.path("labels").path("trainTriplets").asInt()).isEqualTo(400);
        assertThat(report.path("labels").path("importPrefix").asText()).isEqualTo(importPrefix);
        assertThat(report.path("labels").path("imagesPrefix").asText()).isEqualTo("datasets/released/");
        assertThat(report.path("stages")).extracting(s -> s.path("name").asText())
                .containsExactly("prepare", "import", "distill", "evaluate");
        JsonNode student = report.path("students").get(0);
        assertThat(student.path("steps").asInt()).isEqualTo(12);
        assertThat(student.path("lossCurve")).hasSize(12).allSatisfy(l -> assertThat(l.asDouble()).isFinite());
        assertThat(student.path("agreement").path("aligned").path("coarse").asDouble()).isBetween(0.0, 1.0);
        assertThat(Files.readString(out.resolve("report.html"))).contains("Released labels").contains(importPrefix);

        Path again = dir.resolve("again");
        assertThat(new CommandLine(new AlignetCommand())
                .execute("demo", "--spec", spec.toString(), "--out", again.toString(), "--data", data.toString())).isZero();
        JsonNode second = new ObjectMapper().readTree(again.resolve("report.json").toFile());
        Map<String, Boolean> cached = new java.util.LinkedHashMap<>();
        second.path("stages").forEach(s -> cached.put(s.path("name").asText(), s.path("cached").asBoolean()));
        // The import re-reads the images each run; the student it feeds is the same content, so it is reused.
        assertThat(cached).containsEntry("import", false).containsEntry("distill", true);
        assertThat(second.path("students").get(0).path("lossCurve")).isEqualTo(student.path("lossCurve"));
    }

    /** A class-coloured square with an image-specific stripe, so classes differ and images are distinct. */
    private static byte[] image(int cls, int n) throws Exception {
        int[] colours = {0xd04020, 0x20a040, 0x3050d0};
        BufferedImage img = new BufferedImage(32, 32, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, (y / 4) == (n % 8) ? 0xf0f0f0 : colours[cls]);
            }
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ImageIO.write(img, "png", bytes);
        return bytes.toByteArray();
    }
}
