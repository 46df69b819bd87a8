package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.ParallelRanges;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterSumsTest {

    private static final int ROWS = 600;
    private static final int DIM = 7;
    private static final int K = 5;

    private final SplittableRandom random = new SplittableRandom(3);
    private final EmbeddingMatrix x = rows();

    @Test
    void movedRowsGiveTheMeansOfTheClustersMembers() {
        int[] assignments = randomAssignments();
        double[] centroids = new double[K * DIM];
        ClusterSums sums = counted(assignments, centroids);
        assertThat(centroids).containsExactly(recounted(assignments, new double[K * DIM]));
        for (int step = 0; step < 6; step++) {
            int[] previous = assignments.clone();
            moveSome(assignments, ROWS / 20); // 5 %: moved, not recounted
            sums.update(previous, assignments, centroids);
            double[] means = recounted(assignments, new double[K * DIM]);
            for (int i = 0; i < means.length; i++) {
                assertThat(centroids[i]).as("coordinate %d after step %d", i, step).isCloseTo(means[i], within(1e-6));
            }
        }
    }

    @Test
    void theThreadCountNeverChangesTheSums() {
        int[] start = randomAssignments();
        double[][] results = new double[3][];
        for (int threads = 1; threads <= 3; threads++) {
            SplittableRandom moves = new SplittableRandom(8);
            int[] assignments = start.clone();
            double[] centroids = new double[K * DIM];
            try (ParallelRanges runner = ParallelRanges.open(threads, "sums-test")) {
                ClusterSums sums = new ClusterSums(x, K, runner);
                sums.update(null, assignments, centroids);
                for (int step = 0; step < 5; step++) {
                    int[] previous = assignments.clone();
                    for (int n = 0; n < ROWS / 10; n++) {
                        assignments[moves.nextInt(ROWS)] = moves.nextInt(K);
                    }
                    sums.update(previous, assignments, centroids);
                }
            }
            results[threads - 1] = centroids;
        }
        assertThat(results[1]).containsExactly(results[0]);
        assertThat(results[2]).containsExactly(results[0]);
    }

    @Test
    void manyMovedRowsAreRecountedInRowOrder() {
        int[] assignments = randomAssignments();
        double[] centroids = new double[K * DIM];
        ClusterSums sums = counted(assignments, centroids);
        int[] previous = assignments.clone();
        moveSome(assignments, ROWS / 20);
        sums.update(previous, assignments, centroids);
        previous = assignments.clone();
        for (int r = 0; r < ROWS / 2; r++) {
            assignments[r] = (assignments[r] + 1) % K; // half the rows: recounted, so exactly a fresh sum
        }
        sums.update(previous, assignments, centroids);
        assertThat(centroids).containsExactly(recounted(assignments, new double[K * DIM]));
    }

    @Test
    void anEmptiedClusterKeepsItsCentroidAndRestartsFromZero() {
        int[] assignments = randomAssignments();
        double[] centroids = new double[K * DIM];
        ClusterSums sums = counted(assignments, centroids);
        double[] kept = Arrays.copyOfRange(centroids, 0, DIM);
        // Cluster 0's rows (~20 %) all leave for cluster 1: moved, not recounted.
        int[] previous = assignments.clone();
        int[] members = IntStream.range(0, ROWS).filter(r -> assignments[r] == 0).toArray();
        for (int r : members) {
            assignments[r] = 1;
        }
        sums.update(previous, assignments, centroids);
        assertThat(Arrays.copyOfRange(centroids, 0, DIM)).containsExactly(kept);
        // Three rows join it again: its mean is theirs, summed from zero, not from what rounding left.
        previous = assignments.clone();
        for (int n = 0; n < 3; n++) {
            assignments[members[n]] = 0;
        }
        sums.update(previous, assignments, centroids);
        for (int d = 0; d < DIM; d++) {
            double sum = 0;
            for (int n = 0; n < 3; n++) {
                sum += x.get(members[n], d);
            }
            assertThat(centroids[d]).isEqualTo(sum / 3);
        }
    }

    /** Sums on one thread after their first update, which counts every row. */
    private ClusterSums counted(int[] assignments, double[] centroids) {
        ClusterSums sums = new ClusterSums(x, K, ParallelRanges.INLINE);
        sums.update(null, assignments, centroids);
        return sums;
    }

    /** The plain means: each cluster's rows summed in double in row order. */
    private double[] recounted(int[] assignments, double[] centroids) {
        double[] sums = new double[K * DIM];
        int[] counts = new int[K];
        for (int r = 0; r < ROWS; r++) {
            counts[assignments[r]]++;
            for (int d = 0; d < DIM; d++) {
                sums[assignments[r] * DIM + d] += x.get(r, d);
            }
        }
        for (int i = 0; i < sums.length; i++) {
            if (counts[i / DIM] > 0) {
                centroids[i] = sums[i] / counts[i / DIM];
            }
        }
        return centroids;
    }

    private void moveSome(int[] assignments, int count) {
        for (int n = 0; n < count; n++) {
            int r = random.nextInt(ROWS);
            assignments[r] = (assignments[r] + 1 + random.nextInt(K - 1)) % K;
        }
    }

    private int[] randomAssignments() {
        int[] assignments = new int[ROWS];
        for (int r = 0; r < ROWS; r++) {
            assignments[r] = random.nextInt(K);
        }
        return assignments;
    }

    /** Values from 10⁻⁴ to 10⁵ in size, so that sums in double round (of similar floats they would be exact). */
    private EmbeddingMatrix rows() {
        float[] values = new float[ROWS * DIM];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((5 + random.nextGaussian() * 3) * Math.pow(10, random.nextInt(-4, 5)));
        }
        return new EmbeddingMatrix(ROWS, DIM, values);
    }
}
