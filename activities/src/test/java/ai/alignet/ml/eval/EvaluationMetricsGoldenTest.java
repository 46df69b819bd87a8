package ai.alignet.ml.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import ai.alignet.formats.LevelsCsv;
import ai.alignet.formats.NpyArray;
import ai.alignet.formats.NpzArchive;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The evaluation metrics against an independent numpy re-implementation ({@code tools/eval_reference.py
 * make-metrics-golden}, inputs the Java code has not seen): few-shot counts per shot count and draw,
 * the adversarial filter's chosen images and the probe's counts on them, exactly; the reaction-time
 * correlation to rounding.
 */
class EvaluationMetricsGoldenTest {

    private static final Path DIR = Path.of("src/test/resources/golden/metrics");
    private static Map<String, NpyArray> golden;

    @BeforeAll
    static void load() throws Exception {
        Path file = DIR.resolve("metrics-golden.npz");
        golden = NpzArchive.read(Files.readAllBytes(file), file.toString());
    }

    private static EmbeddingMatrix matrix(String name) {
        NpyArray a = golden.get(name);
        double[] v = a.floats();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return new EmbeddingMatrix(a.shape()[0], a.shape()[1], f);
    }

    private static int[] ints(String name) {
        return java.util.Arrays.stream(golden.get(name).ints()).mapToInt(v -> (int) v).toArray();
    }

    @Test
    void fewShotCountsEqualTheReferenceForEveryShotAndDraw() {
        for (String c : new String[] {"a", "b"}) {
            int[] config = ints("fewshot_" + c + "_config");
            long seed = golden.get("fewshot_" + c + "_config").ints()[2];
            int[] shots = ints("fewshot_" + c + "_shots");
            int[] expected = ints("fewshot_" + c + "_counts"); // (shots, draws, [correct, tested])
            List<FewShotAccuracy.Score> scores = FewShotAccuracy.evaluate(matrix("fewshot_" + c + "_x"),
                    ints("fewshot_" + c + "_labels"), config[0], shots, config[1], seed, golden.get("fewshot_" + c + "_l2").floats()[0]);
            assertThat(scores).hasSize(shots.length);
            for (int s = 0; s < shots.length; s++) {
                assertThat(scores.get(s).shots()).isEqualTo(shots[s]);
                for (int d = 0; d < config[1]; d++) {
                    int at = (s * config[1] + d) * 2;
                    assertThat(scores.get(s).correct()[d]).as("case %s, %d-shot, draw %d", c, shots[s], d).isEqualTo(expected[at]);
                    assertThat(scores.get(s).tested()[d]).isEqualTo(expected[at + 1]);
                }
            }
        }
    }

    @Test
    void supportSetsAreDrawnLikeTheReference() {
        int[] config = ints("fewshot_a_config");
        long seed = golden.get("fewshot_a_config").ints()[2];
        assertThat(FewShotAccuracy.supportRows(ints("fewshot_a_labels"), config[0], 5, new SplitMix64(seed + 5)))
                .containsExactly(ints("fewshot_a_support0"));
    }

    @Test
    void adversarialFilterAndProbeCountEqualTheReference() {
        int[] config = ints("adv_config");
        int[] trainY = ints("adv_train_y");
        int[] heldY = ints("adv_held_y");
        PixelNearestClassMean filter = PixelNearestClassMean.fit(rows("adv_train_pixels"), trainY, config[0]);
        int[] kept = filter.errors(rows("adv_held_pixels"), heldY);
        assertThat(kept).containsExactly(ints("adv_kept"));

        AdversarialShift.Result result = AdversarialShift.probe(matrix("adv_train_x"), trainY, matrix("adv_held_x"), heldY,
                kept, config[0], golden.get("adv_l2").floats()[0]);
        int[] expected = ints("adv_counts");
        assertThat(result.correct()).isEqualTo(expected[0]);
        assertThat(result.n()).isEqualTo(expected[1]);
    }

    @Test
    void reactionTimeCorrelationReadFromCsvEqualsTheReference() throws Exception {
        Map<String, Integer> index = new HashMap<>();
        for (int n = 0; n < 10; n++) {
            index.put("img" + n + ".png", n);
        }
        Path csv = DIR.resolve("rt-levels.csv");
        List<JudgedTriplet> triplets = LevelsCsv.read(Files.readAllBytes(csv), csv.toString(), index);
        OptionalDouble r = AgreementEvaluator.reactionTimeCorrelation(matrix("rt_z"), triplets, 1.0);
        assertThat(r).isPresent();
        assertThat(r.getAsDouble()).isCloseTo(golden.get("rt_correlation").floats()[0], offset(1e-12));
    }

    private static List<float[]> rows(String name) {
        EmbeddingMatrix m = matrix(name);
        List<float[]> out = new ArrayList<>();
        for (int r = 0; r < m.rows(); r++) {
            out.add(m.row(r));
        }
        return out;
    }
}
