package ai.alignet.ml.labels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
}
