package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AligNet label .npz against numpy itself: files numpy writes (stored and compressed, several
 * dtypes) read back exactly, files we write load in {@code np.load} with the official shapes and
 * dtypes, and malformed files are rejected with the field or record named.
 */
class AligNetLabelsNpzTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Writes random labels with numpy: argv seed, n, savez|savez_compressed, float dtype, int dtype. */
    private static final String NUMPY_WRITES = """
            import sys, json, numpy as np
            seed, n, how, fdt, idt = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
            rng = np.random.default_rng(seed)
            pool = rng.choice(10**6, size=50, replace=False)
            idx = np.stack([rng.choice(pool, size=3, replace=False) for _ in range(n)]).astype(idt)
            names = np.array([['n%08d/ILSVRC_%d_é.JPEG' % (i % 997, i) for i in row] for row in idx])
            sims = rng.normal(size=(n, 3)).astype(fdt) * 10
            if len(sys.argv) > 6: names = np.char.encode(names, 'utf-8')  # file names saved as bytes (|S)
            getattr(np, how)('labels.npz', filenames=names, similarities=sims, indices=idx)
            names = np.char.decode(names, 'utf-8') if names.dtype.kind == 'S' else names
            print(json.dumps({'names': names.ravel().tolist(), 'sims': sims.astype(np.float64).ravel().tolist(),
                              'idx': idx.astype(np.int64).ravel().tolist(), 'namesDtype': str(names.dtype)}))
            """;

    @TempDir
    Path dir;

    @Test
    void readsWhatNumpyWritesStoredOrCompressedInEveryDtype() throws Exception {
        String[][] variants = {
            {"savez", "float32", "int64"}, {"savez_compressed", "float64", "int32"},
            {"savez_compressed", "float32", "int64"}, {"savez", "float64", "int32"},
            {"savez", "float32", "int64", "bytes"}};
        int seed = 11;
        for (String[] v : variants) {
            String[] args = v.length > 3 ? new String[] {String.valueOf(seed++), "37", v[0], v[1], v[2], v[3]}
                    : new String[] {String.valueOf(seed++), "37", v[0], v[1], v[2]};
            JsonNode expected = JSON.readTree(PythonProcess.run(dir, NUMPY_WRITES, args));
            AligNetLabelsNpz.Labels labels =
                    AligNetLabelsNpz.read(Files.readAllBytes(dir.resolve("labels.npz")), "labels.npz", -1);
            assertThat(labels.size()).isEqualTo(37);
            for (int i = 0; i < 37 * 3; i++) {
                assertThat(labels.filenames()[i]).isEqualTo(expected.get("names").get(i).asText());
                assertThat(labels.similarities()[i]).isEqualTo(expected.get("sims").get(i).asDouble());
                assertThat(labels.indices()[i]).isEqualTo(expected.get("idx").get(i).asLong());
            }
        }
    }

    @Test
    void numpyLoadsWhatWeWriteWithTheOfficialShapesAndDtypes() throws Exception {
        SplittableRandom random = new SplittableRandom(5);
        int n = 23;
        String[] names = new String[3 * n];
        long[] idx = new long[3 * n];
        double[] sims = new double[3 * n];
        for (int i = 0; i < 3 * n; i++) {
            idx[i] = 3L * (i / 3) * 7 + i % 3;
            names[i] = "img_" + idx[i] + (i % 5 == 0 ? "_λ" : "") + ".png";
            sims[i] = (float) (random.nextDouble() * 20 - 10);
        }
        AligNetLabelsNpz.Labels labels = new AligNetLabelsNpz.Labels(names, idx, sims);
        for (boolean compressed : new boolean[] {false, true}) {
            Files.write(dir.resolve("ours.npz"), AligNetLabelsNpz.write(labels, compressed));
            JsonNode loaded = JSON.readTree(PythonProcess.run(dir, """
                    import json, numpy as np
                    d = np.load('ours.npz')
                    print(json.dumps({k: {'dtype': str(d[k].dtype), 'shape': list(d[k].shape),
                                          'values': d[k].ravel().tolist()} for k in d.files}))
                    """));
            assertThat(loaded.get("filenames").get("dtype").asText()).startsWith("<U");
            assertThat(loaded.get("similarities").get("dtype").asText()).isEqualTo("float32");
            assertThat(loaded.get("indices").get("dtype").asText()).isEqualTo("int64");
            for (String field : new String[] {"filenames", "similarities", "indices"}) {
                assertThat(loaded.get(field).get("shape").toString()).isEqualTo("[" + n + ",3]");
            }
            for (int i = 0; i < 3 * n; i++) {
                assertThat(loaded.get("filenames").get("values").get(i).asText()).isEqualTo(names[i]);
                assertThat(loaded.get("similarities").get("values").get(i).asDouble()).isEqualTo(sims[i]);
                assertThat(loaded.get("indices").get("values").get(i).asLong()).isEqualTo(idx[i]);
            }
        }
    }

    @Test
    void rejectsMalformedFilesNamingTheFieldOrRecord() throws Exception {
        String make = """
                import sys, numpy as np
                names = np.array([['a.png', 'b.png', 'c.png'], ['a.png', 'd.png', 'e.png']])
                sims = np.array([[3.0, 2.0, 1.0], [5.0, 4.0, 0.0]], dtype=np.float32)
                idx = np.array([[0, 1, 2], [0, 3, 4]])
                case = sys.argv[1]
                if case == 'shape': sims = sims[:, :2]
                if case == 'dtype': idx = idx.astype(np.float64)
                if case == 'negative': idx[1, 2] = -4
                if case == 'repeat': idx[1] = [3, 3, 4]
                if case == 'nan': sims[1, 1] = np.nan
                if case == 'rows': names = names[:1]
                if case == 'conflict': names[1, 0] = 'z.png'
                if case == 'object': names = names.astype(object)
                if case == 'missing':
                    np.savez('bad.npz', filenames=names, similarities=sims)
                else:
                    np.savez('bad.npz', filenames=names, similarities=sims, indices=idx)
                """;
        String[][] cases = {
            {"shape", "field 'similarities' has shape [2, 2]"},
            {"dtype", "field 'indices' has dtype <f8"},
            {"negative", "record 1: indices[1][2] = -4 is out of range"},
            {"repeat", "record 1: indices (3, 3, 4) repeats an image"},
            {"nan", "record 1: similarities[1][1] = NaN is not finite"},
            {"rows", "filenames has 1 rows but similarities has 2"},
            {"conflict", "record 1: index 0 is 'z.png' here but 'a.png' in record 0"},
            {"missing", "field 'indices' is missing"},
            {"object", "member filenames.npy: dtype '|O' is a pickled object array"}};
        for (String[] c : cases) {
            PythonProcess.run(dir, make, c[0]);
            byte[] bytes = Files.readAllBytes(dir.resolve("bad.npz"));
            assertThatThrownBy(() -> AligNetLabelsNpz.read(bytes, "bad.npz", -1))
                    .as(c[0]).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("bad.npz")
                    .hasMessageContaining(c[1]);
        }
        PythonProcess.run(dir, make, "ok");
        byte[] good = Files.readAllBytes(dir.resolve("bad.npz"));
        assertThat(AligNetLabelsNpz.read(good, "good.npz", 5).size()).isEqualTo(2);
        assertThatThrownBy(() -> AligNetLabelsNpz.read(good, "good.npz", 4))
                .hasMessageContaining("good.npz record 1: indices[1][2] = 4 is out of range 0..3");
        for (int cut : new int[] {good.length - 10, good.length / 2, 200, 3}) {
            byte[] truncated = Arrays.copyOf(good, cut);
            assertThatThrownBy(() -> AligNetLabelsNpz.read(truncated, "cut.npz", -1))
                    .as("cut at " + cut).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("cut.npz");
        }
    }

    @Test
    void truncatedMemberDataIsNamedWithTheMember() {
        byte[] npy = NpyFile.write(NpyArray.float32(new int[] {4, 3}, new double[12]));
        assertThatThrownBy(() -> NpyFile.read(Arrays.copyOf(npy, npy.length - 4), "x.npz member similarities.npy"))
                .hasMessage("x.npz member similarities.npy: shape [4, 3] of <f4 needs 48 data bytes but the file has 44; "
                        + "the file is truncated");
    }
}
