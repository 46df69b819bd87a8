package ai.alignet.ml.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import jdk.incubator.vector.DoubleVector;
import org.junit.jupiter.api.Test;

class RowDotsTest {

    private static final RowDots SCALAR = new ScalarRowDots();

    /** Both SIMD kernels (this CPU runs 256-bit vectors natively under AVX-512 too) and the scalar one. */
    private static List<RowDots> kernels() {
        List<RowDots> kernels = new ArrayList<>(List.of(SCALAR, new VectorRowDots.Narrow()));
        if (DoubleVector.SPECIES_PREFERRED.vectorBitSize() >= 512) {
            kernels.add(new VectorRowDots.Wide());
        }
        return kernels;
    }

    /** The definition written out plainly: stripe s sums dimensions d ≡ s (mod 8) in order, then a fixed tree. */
    private static double byDefinition(float[] v, int a, int b, int dim) {
        double[] stripes = new double[RowDots.STRIPES];
        for (int d = 0; d < dim; d++) {
            stripes[d % RowDots.STRIPES] += (double) v[a * dim + d] * v[b * dim + d];
        }
        return ((stripes[0] + stripes[1]) + (stripes[2] + stripes[3])) + ((stripes[4] + stripes[5]) + (stripes[6] + stripes[7]));
    }

    @Test
    void theFastestKernelIsTheWidestThisCpuRunsNatively() {
        // The build starts test JVMs as ./alignet starts Java (--add-modules jdk.incubator.vector); if that
        // flag goes missing, scoring silently falls back to the scalar kernel: catch it here.
        int bits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        String expected = bits >= 512 ? "vector-512" : bits >= 256 ? "vector-256" : "scalar";
        assertThat(RowDots.fastest().name()).isEqualTo(expected);
    }

    @Test
    void everyKernelGivesTheDefinitionsSumsBitForBit() {
        SplittableRandom random = new SplittableRandom(11);
        for (int dim : new int[] {1, 3, 7, 8, 9, 15, 16, 17, 31, 64, 100, 768, 1152}) {
            for (int kind = 0; kind < 3; kind++) {
                float[] v = values(random, 6 * dim, kind);
                for (RowDots kernel : kernels()) {
                    double[] out = new double[6];
                    kernel.twoTripletDots(v, new int[] {0, 1, 2}, new int[] {3, 4, 5}, dim, out);
                    double[] single = new double[3];
                    kernel.tripletDots(v, 5, 1, 3, dim, single, 0);
                    String where = kernel.name() + ", dim " + dim + ", kind " + kind;
                    assertThat(kernel.dot(v, 2, 4, dim)).as(where).isEqualTo(byDefinition(v, 2, 4, dim));
                    assertThat(out).as(where).containsExactly(byDefinition(v, 0, 1, dim), byDefinition(v, 0, 2, dim),
                            byDefinition(v, 1, 2, dim), byDefinition(v, 3, 4, dim), byDefinition(v, 3, 5, dim),
                            byDefinition(v, 4, 5, dim));
                    assertThat(single).as(where).containsExactly(byDefinition(v, 5, 1, dim), byDefinition(v, 5, 3, dim),
                            byDefinition(v, 1, 3, dim));
                }
            }
        }
    }

    /**
     * The order is part of the contract: with values whose sum depends on it, the stripes give their
     * answer, not a running sum's. 1e16 + 1 rounds back to 1e16 in a running sum; in stripes the 1s meet
     * each other first.
     */
    @Test
    void theStripesOrderDecidesWhereARunningSumWouldLoseTheSmallTerms() {
        float[] v = new float[2 * 16];
        v[0] = 1e8f; // products: 1e16 in stripe 0 (d = 0), then -1e16 in stripe 0 (d = 8)
        v[16] = 1e8f;
        v[8] = 1e8f;
        v[24] = -1e8f;
        for (int d = 1; d < 8; d++) {
            v[d] = 1;
            v[16 + d] = 1;
        }
        double running = 0;
        for (int d = 0; d < 16; d++) {
            running += (double) v[d] * v[16 + d];
        }
        assertThat(running).isEqualTo(0.0); // 1e16 + 1 + ... + 1 rounds to 1e16 (ulp 2), minus 1e16
        for (RowDots kernel : kernels()) {
            assertThat(kernel.dot(v, 0, 1, 16)).as(kernel.name()).isEqualTo(7.0);
        }
    }

    @Test
    void embeddingMatrixDotIsTheKernelsDot() {
        EmbeddingMatrix e = EmbeddingMatrix.gaussian(4, 37, new SplittableRandom(2));
        assertThat(e.dot(1, 3)).isEqualTo(byDefinition(e.values(), 1, 3, 37)).isEqualTo(e.dot(3, 1));
    }

    /** 0: gaussians; 1: small integers (exact sums, many ties); 2: magnitudes from 1e-20 to 1e18. */
    private static float[] values(SplittableRandom random, int n, int kind) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case 0 -> (float) random.nextGaussian();
                case 1 -> random.nextInt(5) - 2;
                default -> (float) (random.nextGaussian() * Math.pow(10, random.nextInt(-20, 19)));
            };
        }
        return v;
    }
}
