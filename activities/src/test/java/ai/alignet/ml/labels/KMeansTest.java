package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KMeansTest {

    private static final int PER_BLOB = 20;
    private static final float[][] CENTRES = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};

    private static EmbeddingMatrix blobs(double noise) {
        Random random = new Random(5);
        float[] values = new float[CENTRES.length * PER_BLOB * 2];
        for (int n = 0; n < CENTRES.length * PER_BLOB; n++) {
            float[] c = CENTRES[n / PER_BLOB];
            values[2 * n] = c[0] + (float) (random.nextGaussian() * noise);
            values[2 * n + 1] = c[1] + (float) (random.nextGaussian() * noise);
        }
        return new EmbeddingMatrix(CENTRES.length * PER_BLOB, 2, values);
    }

    @Test
    void recoversWellSeparatedBlobsExactly() {
        Clustering clustering = KMeans.fit(blobs(0.5), 4, 50, 1);
        int[] assignments = clustering.assignments();
        Set<Integer> blobClusters = new HashSet<>();
        for (int blob = 0; blob < CENTRES.length; blob++) {
            int cluster = assignments[blob * PER_BLOB];
            for (int n = blob * PER_BLOB; n < (blob + 1) * PER_BLOB; n++) {
                assertThat(assignments[n]).as("row %d of blob %d", n, blob).isEqualTo(cluster);
            }
            blobClusters.add(cluster);
        }
        assertThat(blobClusters).hasSize(4);
        assertThat(clustering.centroids().rows()).isEqualTo(4);
    }

    @Test
    void inertiaNeverIncreasesWithMoreIterations() {
        EmbeddingMatrix x = blobs(4.0);
        double previous = Double.POSITIVE_INFINITY;
        for (int iterations = 0; iterations <= 8; iterations++) {
            double inertia = KMeans.fit(x, 6, iterations, 9).inertia();
            assertThat(inertia).isLessThanOrEqualTo(previous + 1e-9);
            previous = inertia;
        }
    }

    @Test
    void sameSeedSameClustering() {
        EmbeddingMatrix x = blobs(3.0);
        assertThat(KMeans.fit(x, 5, 20, 4).assignments()).containsExactly(KMeans.fit(x, 5, 20, 4).assignments());
    }

    @Test
    void moreClustersThanRowsIsRejectedWithTheFix() {
        assertThatThrownBy(() -> KMeans.fit(new EmbeddingMatrix(3, 1, new float[] {1, 2, 3}), 4, 10, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot make 4 clusters from 3 rows");
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void matchesTheExactReferenceBitForBitOnRandomData(CentroidProducts.Engine engine) {
        // 9000 rows: 3 blocks of 4096 (libtorch) or 9 of 1024 (OpenBLAS), the last one partial.
        SplittableRandom random = new SplittableRandom(11);
        EmbeddingMatrix x = gaussian(random, 9000, 8, 0);
        for (long seed = 0; seed < 3; seed++) {
            KMeans.Fit fit = fit(x, 7, 40, seed, 1, engine);
            assertIdentical(fit.clustering(), KMeans.fitExactly(x, 7, 40, seed));
            assertThat(fit.screenedRows()).isEqualTo(9000L * (fit.clustering().iterations() + 1));
            // The screen decides almost every row itself; otherwise it would be exact but not fast.
            assertThat(fit.exactlyRecomputedRows()).isLessThan(fit.screenedRows() / 100);
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void matchesTheExactReferenceOnDuplicatedAndEquidistantRows(CentroidProducts.Engine engine) {
        // Small integers: many duplicated rows and rows exactly equidistant from two centroids (ties go
        // to the lowest cluster index); the float32 screen cannot separate those and must defer.
        SplittableRandom random = new SplittableRandom(12);
        float[] values = new float[600 * 3];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt(3) - 1;
        }
        EmbeddingMatrix x = new EmbeddingMatrix(600, 3, values);
        long recomputed = 0;
        for (int k : new int[] {2, 5, 12}) {
            KMeans.Fit fit = fit(x, k, 30, k, 1, engine);
            assertIdentical(fit.clustering(), KMeans.fitExactly(x, k, 30, k));
            recomputed += fit.exactlyRecomputedRows();
        }
        assertThat(recomputed).as("rows deferred to the exact code").isPositive();
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void aRowHalfwayBetweenTwoCentroidsGoesToTheLowerIndexAsInTheReference(CentroidProducts.Engine engine) {
        // Rows at 0, 2 and 1 (halfway), each repeated: whichever of 0 and 2 is centroid 0 gets the 1s.
        float[] values = {0, 0, 0, 2, 2, 2, 1, 1};
        EmbeddingMatrix x = new EmbeddingMatrix(values.length, 1, values);
        for (long seed = 0; seed < 8; seed++) {
            KMeans.Fit fit = fit(x, 2, 0, seed, 1, engine);
            assertIdentical(fit.clustering(), KMeans.fitExactly(x, 2, 0, seed));
        }
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void largeOffsetsWhereFloat32CancelsStillGiveTheExactResult(CentroidProducts.Engine engine) {
        // ||x||² ≈ 10⁸ while distances are ≈ 10: float32 distances are mostly noise here, so correctness
        // rests on the error bound sending those rows to the exact code.
        SplittableRandom random = new SplittableRandom(13);
        EmbeddingMatrix x = gaussian(random, 2000, 16, 2500);
        KMeans.Fit fit = fit(x, 9, 25, 3, 1, engine);
        assertIdentical(fit.clustering(), KMeans.fitExactly(x, 9, 25, 3));
        assertThat(fit.exactlyRecomputedRows()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void threadCountDoesNotChangeTheResult(CentroidProducts.Engine engine) {
        // 5000 rows × 40: 5 OpenBLAS blocks spread over the threads, 3 row ranges for the exact fallback
        // and k-means++, and update slices of 20 + 20 (2 threads) or 14 + 14 + 12 (3) dimensions.
        EmbeddingMatrix x = gaussian(new SplittableRandom(14), 5000, 40, 0);
        EmbeddingMatrix start = KMeans.initialCentroids(x, 10, 5, 3);
        assertThat(start.values()).containsExactly(KMeans.initialCentroids(x, 10, 5).values());
        Clustering exact = KMeans.fitExactly(x, 10, 20, 5);
        for (int threads : new int[] {1, 2, 3}) {
            assertIdentical(KMeans.fitFrom(x, start, 20, threads, engine).clustering(), exact);
        }
        assertIdentical(KMeans.fit(x, 10, 20, 5, 3), exact);
    }

    @Test
    void onCpuTheProductsAreOpenBlasCalledSingleThreadedFromOurThreads() {
        EmbeddingMatrix x = gaussian(new SplittableRandom(17), 500, 6, 0);
        assertThat(OpenBlasProducts.available()).as("OpenBLAS natives load from the Maven Central jar").isTrue();
        KMeans.Fit fit = KMeans.fitCounted(x, 4, 10, 1, 3);
        assertThat(fit.products()).startsWith("openblas");
        assertThat(org.bytedeco.openblas.presets.openblas_nolapack.blas_get_num_threads()).isEqualTo(1);
        assertThat(fit(x, 4, 10, 1, 1, CentroidProducts.Engine.LIBTORCH).products()).isEqualTo("libtorch (cpu())");
    }

    @Test
    void theScreensBlocksShareTheRowsEquallyOverTheThreads() {
        // 20k rows in blocks of at most 1024: 20 blocks on 1 or 2 threads, 21 on 3 (7 each), never an empty one.
        assertThat(NearestCentroidScreen.blockCount(20_000, 1024, 1)).isEqualTo(20);
        assertThat(NearestCentroidScreen.blockCount(20_000, 1024, 2)).isEqualTo(20);
        assertThat(NearestCentroidScreen.blockCount(20_000, 1024, 3)).isEqualTo(21);
        assertThat(NearestCentroidScreen.blockCount(1025, 1024, 1)).isEqualTo(2);
        assertThat(NearestCentroidScreen.blockCount(3, 1024, 8)).isEqualTo(3);
        // Every row is assigned, on 1–3 threads, for a row count that is a multiple of none of the block counts.
        EmbeddingMatrix x = gaussian(new SplittableRandom(23), 2053, 5, 0);
        EmbeddingMatrix start = KMeans.initialCentroids(x, 6, 4);
        Clustering exact = KMeans.fitExactly(x, 6, 3, 4);
        for (int threads : new int[] {1, 2, 3}) {
            assertIdentical(KMeans.fitFrom(x, start, 3, threads, CentroidProducts.Engine.OPENBLAS).clustering(), exact);
        }
    }

    @Test
    void anUnknownEngineIsRejectedNamingTheSettingAndTheChoices() {
        assertThat(CentroidProducts.Engine.parse(" OpenBLAS ", "-Dalignet.kmeans.gemm")).isEqualTo(CentroidProducts.Engine.OPENBLAS);
        assertThatThrownBy(() -> CentroidProducts.Engine.parse("mkl", "-Dalignet.kmeans.gemm"))
                .hasMessageContaining("-Dalignet.kmeans.gemm=mkl is not a k-means product engine")
                .hasMessageContaining("auto, openblas or libtorch");
    }

    @Test
    void oneClusterAndNonFiniteRowsTakeTheExactPath() {
        EmbeddingMatrix x = blobs(1.0);
        assertIdentical(KMeans.fit(x, 1, 5, 2), KMeans.fitExactly(x, 1, 5, 2));
        float[] values = x.values().clone();
        values[7] = Float.POSITIVE_INFINITY;
        EmbeddingMatrix withInfinity = new EmbeddingMatrix(x.rows(), x.dim(), values);
        KMeans.Fit fit = KMeans.fitCounted(withInfinity, 4, 5, 2, 1);
        assertThat(fit.screenedRows()).isZero();
        assertIdentical(fit.clustering(), KMeans.fitExactly(withInfinity, 4, 5, 2));
    }

    @Test
    void theScreensRangeIsEachCoordinateNotTheNorm() {
        // ‖x‖² = 1.62·10²⁸ is past the norms' quick test, but each coordinate is below 10¹⁴: screened.
        float[] values = blobs(1.0).values().clone();
        values[0] = 9e13f;
        values[1] = 9e13f;
        EmbeddingMatrix large = new EmbeddingMatrix(values.length / 2, 2, values);
        KMeans.Fit fit = KMeans.fitCounted(large, 4, 5, 2, 1);
        assertThat(fit.screenedRows()).isPositive();
        assertIdentical(fit.clustering(), KMeans.fitExactly(large, 4, 5, 2));
        // One coordinate of 2·10¹⁴, or a NaN: out of the bound's range, every row exactly.
        for (float outOfRange : new float[] {2e14f, Float.NaN}) {
            float[] beyond = values.clone();
            beyond[41] = outOfRange;
            EmbeddingMatrix x = new EmbeddingMatrix(beyond.length / 2, 2, beyond);
            KMeans.Fit exactly = KMeans.fitCounted(x, 4, 5, 2, 1);
            assertThat(exactly.screenedRows()).as("screened rows with %s", outOfRange).isZero();
            assertThat(exactly.clustering().assignments()).containsExactly(KMeans.fitExactly(x, 4, 5, 2).assignments());
        }
    }

    @Test
    void fittingFromTheInitialCentroidsIsFitting() {
        EmbeddingMatrix x = gaussian(new SplittableRandom(16), 3000, 12, 0);
        EmbeddingMatrix start = KMeans.initialCentroids(x, 8, 6);
        assertIdentical(KMeans.fitFrom(x, start, 30, 1).clustering(), KMeans.fitExactly(x, 8, 30, 6));
        assertThatThrownBy(() -> KMeans.fitFrom(x, new EmbeddingMatrix(2, 3, new float[6]), 5, 1))
                .hasMessageContaining("initial centroids are 2x3 but the rows are 12 wide");
        // A starting centroid out of the screen's range (an empty cluster keeps it): exact path throughout.
        float[] far = start.values().clone();
        far[0] = 1e20f;
        KMeans.Fit fit = KMeans.fitFrom(x, new EmbeddingMatrix(8, 12, far), 5, 1);
        assertThat(fit.screenedRows()).isZero();
        assertThat(fit.clustering().iterations()).isPositive();
    }

    @ParameterizedTest
    @EnumSource(names = {"OPENBLAS", "LIBTORCH"})
    void theScreenIsNeverWrongOnlyUnsure(CentroidProducts.Engine engine) {
        // Centroids in near-identical pairs (10⁻⁶ apart): the screen may defer, never name the wrong one,
        // and what it defers comes with candidates that include the right one. What the array held before
        // (here the near-twin of the right centroid) does not matter.
        SplittableRandom random = new SplittableRandom(15);
        for (double offset : new double[] {0, 30}) {
            EmbeddingMatrix x = gaussian(random, 3000, 24, offset);
            int k = 16;
            double[] centroids = new double[k * 24];
            for (int c = 0; c < k; c += 2) {
                for (int d = 0; d < 24; d++) {
                    centroids[c * 24 + d] = offset + random.nextGaussian();
                    centroids[(c + 1) * 24 + d] = centroids[c * 24 + d] + 1e-6 * random.nextGaussian();
                }
            }
            int[] exact = new int[x.rows()];
            KMeans.assignExactly(x, centroids, k, exact);
            int[] nearest = new int[x.rows()];
            for (int r = 0; r < x.rows(); r++) {
                nearest[r] = exact[r] ^ 1;
            }
            try (NearestCentroidScreen screen = NearestCentroidScreen.of(x, engine, ParallelRanges.INLINE)) {
                // Near-ties go to the exact code; answering −1 for it shows which rows the screen left.
                int unsure = screen.screen(centroids, k, nearest, ParallelRanges.INLINE, (r, candidates, count) -> {
                    int[] offered = Arrays.copyOf(candidates, count);
                    assertThat(offered).as("candidates for row %d", r).hasSizeBetween(2, k - 1).isSorted()
                            .contains(exact[r]);
                    return -1;
                });
                int decided = 0;
                for (int r = 0; r < x.rows(); r++) {
                    if (nearest[r] >= 0) {
                        assertThat(nearest[r]).as("row %d", r).isEqualTo(exact[r]);
                        decided++;
                    }
                }
                assertThat(decided).isEqualTo(x.rows() - unsure);
                assertThat(unsure).isPositive();
            }
        }
    }

    private static KMeans.Fit fit(EmbeddingMatrix x, int k, int maxIterations, long seed, int threads,
            CentroidProducts.Engine engine) {
        return KMeans.fitFrom(x, KMeans.initialCentroids(x, k, seed), maxIterations, threads, engine);
    }

    private static EmbeddingMatrix gaussian(SplittableRandom random, int rows, int dim, double offset) {
        float[] values = new float[rows * dim];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (offset + random.nextGaussian());
        }
        return new EmbeddingMatrix(rows, dim, values);
    }

    private static void assertIdentical(Clustering actual, Clustering expected) {
        assertThat(actual.assignments()).containsExactly(expected.assignments());
        assertThat(actual.centroids().values()).containsExactly(expected.centroids().values());
        assertThat(Double.doubleToRawLongBits(actual.inertia())).as("inertia %s vs %s", actual.inertia(), expected.inertia())
                .isEqualTo(Double.doubleToRawLongBits(expected.inertia()));
        assertThat(actual.iterations()).isEqualTo(expected.iterations());
    }
}
