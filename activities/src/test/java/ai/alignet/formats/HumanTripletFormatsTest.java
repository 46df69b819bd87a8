package ai.alignet.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.JudgedTriplet;
import ai.alignet.ml.data.Triplet;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human triplet files as their sources write them: gLocal/VICE .npy written by numpy (int32/int64),
 * Levels CSV with the optional type column, quoted paths and any column order, THINGS text; and the
 * malformed variants each reader must reject with file, record and problem named.
 */
class HumanTripletFormatsTest {

    @TempDir
    Path dir;

    @Test
    void readsGlocalNpyAsNumpyWritesItInBothIntegerWidths() throws Exception {
        for (String dtype : new String[] {"int64", "int32"}) {
            PythonProcess.run(dir, """
                    import sys, numpy as np
                    np.save('t.npy', np.array([[0, 1, 2], [5, 3, 4], [2, 0, 5]], dtype=sys.argv[1]))
                    """, dtype);
            List<Triplet> t = GlocalTripletsNpy.read(Files.readAllBytes(dir.resolve("t.npy")), "t.npy", 6);
            assertThat(t).containsExactly(new Triplet(0, 1, 2), new Triplet(5, 3, 4), new Triplet(2, 0, 5));
        }
        byte[] ours = GlocalTripletsNpy.write(List.of(new Triplet(7, 8, 9)));
        Files.write(dir.resolve("ours.npy"), ours);
        assertThat(PythonProcess.run(dir, """
                import numpy as np
                a = np.load('ours.npy'); print(a.dtype, a.shape, a.tolist())
                """).trim()).isEqualTo("int64 (1, 3) [[7, 8, 9]]");
    }

    @Test
    void rejectsMalformedGlocalNpy() throws Exception {
        String make = """
                import sys, numpy as np
                case = sys.argv[1]
                a = np.array([[0, 1, 2], [3, 4, 5]])
                if case == 'shape': a = a[:, :2]
                if case == 'float': a = a.astype(np.float32)
                if case == 'range': a[1, 2] = 6
                if case == 'same': a[1] = [3, 3, 4]
                if case == 'fortran': a = np.asfortranarray(np.array([[0, 1, 2], [3, 4, 5], [1, 2, 3]]).T)
                np.save('bad.npy', a)
                """;
        String[][] cases = {
            {"shape", "bad.npy: triplets have shape [2, 2]; they must be (N, 3)"},
            {"float", "bad.npy: triplets have dtype <f4; they must be integers"},
            {"range", "bad.npy row 1: index 6 is out of range; there are 6 images (0..5)"},
            {"same", "bad.npy row 1: a triplet needs three different images"},
            {"fortran", "bad.npy: array is in Fortran order"}};
        for (String[] c : cases) {
            PythonProcess.run(dir, make, c[0]);
            byte[] bytes = Files.readAllBytes(dir.resolve("bad.npy"));
            assertThatThrownBy(() -> GlocalTripletsNpy.read(bytes, "bad.npy", 6)).as(c[0])
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(c[1]);
        }
        PythonProcess.run(dir, make, "ok");
        byte[] good = Files.readAllBytes(dir.resolve("bad.npy"));
        assertThatThrownBy(() -> GlocalTripletsNpy.read(Arrays.copyOf(good, good.length - 8), "cut.npy", 6))
                .hasMessageContaining("cut.npy: shape [2, 3] of <i8 needs 48 data bytes but the file has 40; the file is truncated");
        assertThatThrownBy(() -> GlocalTripletsNpy.read(Arrays.copyOf(good, 20), "cut.npy", 6))
                .hasMessageContaining("cut.npy: .npy file is truncated inside its header");
    }

    @Test
    void levelsCsvFindsColumnsByNameAndReadsQuotedPaths() {
        String csv = "type,odd_one_out,image1,image2,image3\n"
                + "coarse,3,\"a, b.png\",c.png,d.png\n"
                + "coarse,3,\"a, b.png\",c.png,d.png\n"
                + "fine,1,c.png,d.png,\"a, b.png\"\n";
        List<LevelsCsv.Response> rows = LevelsCsv.readResponses(csv.getBytes(StandardCharsets.UTF_8), "levels.csv");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).image1()).isEqualTo("a, b.png");
        assertThat(rows.get(2).oddOneOut()).isEqualTo(1);
        assertThat(rows.get(2).type()).isEqualTo("fine");
        List<JudgedTriplet> judged = LevelsCsv.read(csv.getBytes(StandardCharsets.UTF_8), "levels.csv",
                Map.of("a, b.png", 0, "c.png", 1, "d.png", 2));
        assertThat(judged).hasSize(2);
        assertThat(judged.get(0).oddOneOutVotes()).containsExactly(0, 0, 2);
        // What we write reads back the same, commas and all.
        byte[] written = LevelsCsv.write(judged, List.of("a, b.png", "c.png", "d.png"));
        assertThat(LevelsCsv.read(written, "again.csv", Map.of("a, b.png", 0, "c.png", 1, "d.png", 2)))
                .usingRecursiveFieldByFieldElementComparator().isEqualTo(judged);
        List<LevelsCsv.Response> untyped = LevelsCsv.readResponses(
                "image1,image2,image3,odd_one_out\nx.png,y.png,z.png,2\n".getBytes(StandardCharsets.UTF_8), "u.csv");
        assertThat(untyped.get(0).type()).isEqualTo("all");
    }

    @Test
    void levelsCsvRejectsMalformedRowsNamingTheLine() {
        String[][] cases = {
            {"image1,image2,odd_one_out\na,b,1\n", "column 'image3' is missing"},
            {"image1,image2,image3,odd_one_out\na,b,c,0\n", "bad.csv line 2: odd_one_out must be 1, 2 or 3, got '0'"},
            {"image1,image2,image3,odd_one_out\na,b,c,2\na,b,c\n", "bad.csv line 3: expected 4 fields like the header, got 3"},
            {"image1,image2,image3,odd_one_out\na,a,c,2\n", "bad.csv line 2: a triplet needs three different images"},
            {"image1,image2,image3,odd_one_out\n\"a,b,c,2\n", "bad.csv line 2: a quoted field is not closed"}};
        for (String[] c : cases) {
            assertThatThrownBy(() -> LevelsCsv.readResponses(c[0].getBytes(StandardCharsets.UTF_8), "bad.csv"))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining(c[1]);
        }
        assertThatThrownBy(() -> LevelsCsv.read("image1,image2,image3,odd_one_out\na,b,q,2\n".getBytes(StandardCharsets.UTF_8),
                "bad.csv", Map.of("a", 0, "b", 1))).hasMessageContaining("bad.csv line 2: image3 'q' is not in the images folder");
    }

    @Test
    void levelsCsvReadsReactionTimesGroupedByChoiceAndWritesThemBack() {
        String csv = "image1,image2,image3,odd_one_out,type,rt\n"
                + "a.png,b.png,c.png,3,fine,812.5\n"
                + "a.png,b.png,c.png,1,fine,1200\n"
                + "a.png,b.png,c.png,3,fine,640\n"
                + "b.png,c.png,a.png,2,coarse,955\n";
        Map<String, Integer> index = Map.of("a.png", 0, "b.png", 1, "c.png", 2);
        List<JudgedTriplet> judged = LevelsCsv.read(csv.getBytes(StandardCharsets.UTF_8), "levels.csv", index);
        assertThat(judged).hasSize(2);
        assertThat(judged.get(0).oddOneOutVotes()).containsExactly(1, 0, 2);
        // The position-0 chooser's time first, then the two who chose position 2, in file order.
        assertThat(judged.get(0).reactionTimesMs()).containsExactly(1200, 812.5, 640);
        assertThat(judged.get(0).meanReactionTimeMs()).isEqualTo((1200 + 812.5 + 640) / 3);
        byte[] written = LevelsCsv.write(judged, List.of("a.png", "b.png", "c.png"));
        assertThat(new String(written, StandardCharsets.UTF_8)).startsWith(LevelsCsv.HEADER + ",rt\n")
                .contains("a.png,b.png,c.png,1,fine,1200\n").contains("a.png,b.png,c.png,3,fine,812.5\n");
        assertThat(LevelsCsv.read(written, "again.csv", index)).usingRecursiveFieldByFieldElementComparator().isEqualTo(judged);
        List<JudgedTriplet> untimed = LevelsCsv.read("image1,image2,image3,odd_one_out\na.png,b.png,c.png,1\n"
                .getBytes(StandardCharsets.UTF_8), "u.csv", index);
        assertThat(untimed.get(0).hasReactionTimes()).isFalse();
        assertThat(untimed.get(0).meanReactionTimeMs()).isNaN();
    }

    @Test
    void levelsCsvRejectsMalformedReactionTimesNamingTheLine() {
        for (String bad : new String[] {"", "fast", "0", "-12", "NaN", "Infinity", "12d", "0x1p3", "1e999"}) {
            String csv = "image1,image2,image3,odd_one_out,rt\na,b,c,2,700\na,b,c,1," + bad + "\n";
            assertThatThrownBy(() -> LevelsCsv.readResponses(csv.getBytes(StandardCharsets.UTF_8), "rt.csv")).as(bad)
                    .isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("rt.csv line 3: rt must be a positive reaction time in milliseconds, got '" + bad + "'");
        }
    }

    @Test
    void thingsTextRejectsBadLines() {
        assertThat(ThingsTriplets.read("0 1 2\n\n3 4 5\n".getBytes(StandardCharsets.UTF_8), "t.txt", 6)).hasSize(2);
        assertThatThrownBy(() -> ThingsTriplets.read("0 1 2\n0 1\n".getBytes(StandardCharsets.UTF_8), "t.txt", 6))
                .hasMessageContaining("t.txt line 2: expected 3 indices, got 2");
        assertThatThrownBy(() -> ThingsTriplets.read("0 1 9\n".getBytes(StandardCharsets.UTF_8), "t.txt", 6))
                .hasMessageContaining("t.txt line 1: index 9 is out of range");
        assertThatThrownBy(() -> ThingsTriplets.read("0 x 2\n".getBytes(StandardCharsets.UTF_8), "t.txt", 6))
                .hasMessageContaining("t.txt line 1: 'x' is not an integer index");
    }
}
