package ai.alignet.ml.data;

import java.util.Optional;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link RowDots} with the JDK's vector API: each step widens eight floats of a row to eight doubles and
 * adds their products to the eight stripes at once, lane s holding stripe s. The lanes are combined
 * in the definition's order, never with {@code reduceLanes} (whose order the API leaves open), and the
 * last {@code dim % 8} dimensions are added as {@link ScalarRowDots} adds them, so the sums are the
 * scalar kernel's, bit for bit (tests hold the two to that).
 *
 * <p>Only for CPUs whose preferred vectors hold at least four doubles (AVX2, AVX-512): on narrower ones
 * the vector classes fall back to plain Java objects, far slower than the scalar kernel.
 */
final class VectorRowDots {

    private static final boolean FMA = FusedMultiplyAdd.INTRINSIC;

    private VectorRowDots() {}

    /** The kernel for this CPU's preferred vector width, or empty where it has none wide enough. */
    public static Optional<RowDots> forThisCpu() {
        int bits = DoubleVector.SPECIES_PREFERRED.vectorBitSize();
        return bits >= 512 ? Optional.of(new Wide()) : bits >= 256 ? Optional.of(new Narrow()) : Optional.empty();
    }

    /** One 512-bit vector of eight doubles per sum. */
    static final class Wide implements RowDots {
        private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_256;
        private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_512;

        @Override
        public String name() {
            return "vector-512";
        }

        @Override
        public double dot(float[] v, int rowA, int rowB, int dim) {
            int a = rowA * dim;
            int b = rowB * dim;
            DoubleVector ab = DoubleVector.zero(DOUBLES);
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                ab = add(widen(v, a + d), widen(v, b + d), ab);
            }
            double[] stripes = new double[STRIPES];
            return finish(ab, stripes, v, a, b, body, dim);
        }

        @Override
        public void tripletDots(float[] v, int rowA, int rowB, int rowC, int dim, double[] out, int at) {
            int a = rowA * dim;
            int b = rowB * dim;
            int c = rowC * dim;
            DoubleVector ab = DoubleVector.zero(DOUBLES);
            DoubleVector ac = ab;
            DoubleVector bc = ab;
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                DoubleVector x = widen(v, a + d);
                DoubleVector y = widen(v, b + d);
                DoubleVector z = widen(v, c + d);
                ab = add(x, y, ab);
                ac = add(x, z, ac);
                bc = add(y, z, bc);
            }
            double[] stripes = new double[STRIPES];
            out[at] = finish(ab, stripes, v, a, b, body, dim);
            out[at + 1] = finish(ac, stripes, v, a, c, body, dim);
            out[at + 2] = finish(bc, stripes, v, b, c, body, dim);
        }

        /** Both triplets in one loop: six rows streaming at once kept memory busier than three (~1.2×). */
        @Override
        public void twoTripletDots(float[] v, int[] t, int[] u, int dim, double[] out) {
            DoubleVector tab = DoubleVector.zero(DOUBLES);
            DoubleVector tac = tab;
            DoubleVector tbc = tab;
            DoubleVector uab = tab;
            DoubleVector uac = tab;
            DoubleVector ubc = tab;
            int t0 = t[0] * dim;
            int t1 = t[1] * dim;
            int t2 = t[2] * dim;
            int u0 = u[0] * dim;
            int u1 = u[1] * dim;
            int u2 = u[2] * dim;
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                DoubleVector ta = widen(v, t0 + d);
                DoubleVector tb = widen(v, t1 + d);
                DoubleVector tc = widen(v, t2 + d);
                DoubleVector ua = widen(v, u0 + d);
                DoubleVector ub = widen(v, u1 + d);
                DoubleVector uc = widen(v, u2 + d);
                tab = add(ta, tb, tab);
                tac = add(ta, tc, tac);
                tbc = add(tb, tc, tbc);
                uab = add(ua, ub, uab);
                uac = add(ua, uc, uac);
                ubc = add(ub, uc, ubc);
            }
            double[] stripes = new double[STRIPES];
            out[0] = finish(tab, stripes, v, t0, t1, body, dim);
            out[1] = finish(tac, stripes, v, t0, t2, body, dim);
            out[2] = finish(tbc, stripes, v, t1, t2, body, dim);
            out[3] = finish(uab, stripes, v, u0, u1, body, dim);
            out[4] = finish(uac, stripes, v, u0, u2, body, dim);
            out[5] = finish(ubc, stripes, v, u1, u2, body, dim);
        }

        private static DoubleVector widen(float[] v, int from) {
            return (DoubleVector) FloatVector.fromArray(FLOATS, v, from).convertShape(VectorOperators.F2D, DOUBLES, 0);
        }

        private static double finish(DoubleVector sums, double[] stripes, float[] v, int a, int b, int body, int dim) {
            sums.intoArray(stripes, 0);
            return addTailAndStripes(stripes, v, a, b, body, dim);
        }
    }

    /** Two 256-bit vectors of four doubles per sum: stripes 0–3 and 4–7. */
    static final class Narrow implements RowDots {
        private static final VectorSpecies<Float> FLOATS = FloatVector.SPECIES_128;
        private static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;
        private static final int HALF = STRIPES / 2;

        @Override
        public String name() {
            return "vector-256";
        }

        @Override
        public double dot(float[] v, int rowA, int rowB, int dim) {
            int a = rowA * dim;
            int b = rowB * dim;
            DoubleVector low = DoubleVector.zero(DOUBLES);
            DoubleVector high = low;
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                low = add(widen(v, a + d), widen(v, b + d), low);
                high = add(widen(v, a + d + HALF), widen(v, b + d + HALF), high);
            }
            double[] stripes = new double[STRIPES];
            return finish(low, high, stripes, v, a, b, body, dim);
        }

        @Override
        public void tripletDots(float[] v, int rowA, int rowB, int rowC, int dim, double[] out, int at) {
            int a = rowA * dim;
            int b = rowB * dim;
            int c = rowC * dim;
            DoubleVector abLow = DoubleVector.zero(DOUBLES);
            DoubleVector abHigh = abLow;
            DoubleVector acLow = abLow;
            DoubleVector acHigh = abLow;
            DoubleVector bcLow = abLow;
            DoubleVector bcHigh = abLow;
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                DoubleVector xLow = widen(v, a + d);
                DoubleVector yLow = widen(v, b + d);
                DoubleVector zLow = widen(v, c + d);
                abLow = add(xLow, yLow, abLow);
                acLow = add(xLow, zLow, acLow);
                bcLow = add(yLow, zLow, bcLow);
                DoubleVector xHigh = widen(v, a + d + HALF);
                DoubleVector yHigh = widen(v, b + d + HALF);
                DoubleVector zHigh = widen(v, c + d + HALF);
                abHigh = add(xHigh, yHigh, abHigh);
                acHigh = add(xHigh, zHigh, acHigh);
                bcHigh = add(yHigh, zHigh, bcHigh);
            }
            double[] stripes = new double[STRIPES];
            out[at] = finish(abLow, abHigh, stripes, v, a, b, body, dim);
            out[at + 1] = finish(acLow, acHigh, stripes, v, a, c, body, dim);
            out[at + 2] = finish(bcLow, bcHigh, stripes, v, b, c, body, dim);
        }

        /**
         * Both triplets in one loop, as {@link Wide} does: twelve sums do not all fit in sixteen 256-bit
         * registers, but six rows streaming at once still beat one triplet after the other where the rows
         * come from memory (AVX2: 1.26–1.54 vs 1.06–1.10 M triplets/s in a probe; 4.4 vs 5.2 M when cached).
         */
        @Override
        public void twoTripletDots(float[] v, int[] t, int[] u, int dim, double[] out) {
            DoubleVector zero = DoubleVector.zero(DOUBLES);
            DoubleVector tabLow = zero;
            DoubleVector tabHigh = zero;
            DoubleVector tacLow = zero;
            DoubleVector tacHigh = zero;
            DoubleVector tbcLow = zero;
            DoubleVector tbcHigh = zero;
            DoubleVector uabLow = zero;
            DoubleVector uabHigh = zero;
            DoubleVector uacLow = zero;
            DoubleVector uacHigh = zero;
            DoubleVector ubcLow = zero;
            DoubleVector ubcHigh = zero;
            int t0 = t[0] * dim;
            int t1 = t[1] * dim;
            int t2 = t[2] * dim;
            int u0 = u[0] * dim;
            int u1 = u[1] * dim;
            int u2 = u[2] * dim;
            int body = dim - dim % STRIPES;
            for (int d = 0; d < body; d += STRIPES) {
                DoubleVector ta = widen(v, t0 + d);
                DoubleVector tb = widen(v, t1 + d);
                DoubleVector tc = widen(v, t2 + d);
                tabLow = add(ta, tb, tabLow);
                tacLow = add(ta, tc, tacLow);
                tbcLow = add(tb, tc, tbcLow);
                DoubleVector ua = widen(v, u0 + d);
                DoubleVector ub = widen(v, u1 + d);
                DoubleVector uc = widen(v, u2 + d);
                uabLow = add(ua, ub, uabLow);
                uacLow = add(ua, uc, uacLow);
                ubcLow = add(ub, uc, ubcLow);
                ta = widen(v, t0 + d + HALF);
                tb = widen(v, t1 + d + HALF);
                tc = widen(v, t2 + d + HALF);
                tabHigh = add(ta, tb, tabHigh);
                tacHigh = add(ta, tc, tacHigh);
                tbcHigh = add(tb, tc, tbcHigh);
                ua = widen(v, u0 + d + HALF);
                ub = widen(v, u1 + d + HALF);
                uc = widen(v, u2 + d + HALF);
                uabHigh = add(ua, ub, uabHigh);
                uacHigh = add(ua, uc, uacHigh);
                ubcHigh = add(ub, uc, ubcHigh);
            }
            double[] stripes = new double[STRIPES];
            out[0] = finish(tabLow, tabHigh, stripes, v, t0, t1, body, dim);
            out[1] = finish(tacLow, tacHigh, stripes, v, t0, t2, body, dim);
            out[2] = finish(tbcLow, tbcHigh, stripes, v, t1, t2, body, dim);
            out[3] = finish(uabLow, uabHigh, stripes, v, u0, u1, body, dim);
            out[4] = finish(uacLow, uacHigh, stripes, v, u0, u2, body, dim);
            out[5] = finish(ubcLow, ubcHigh, stripes, v, u1, u2, body, dim);
        }

        private static DoubleVector widen(float[] v, int from) {
            return (DoubleVector) FloatVector.fromArray(FLOATS, v, from).convertShape(VectorOperators.F2D, DOUBLES, 0);
        }

        private static double finish(DoubleVector low, DoubleVector high, double[] stripes, float[] v, int a, int b,
                int body, int dim) {
            low.intoArray(stripes, 0);
            high.intoArray(stripes, HALF);
            return addTailAndStripes(stripes, v, a, b, body, dim);
        }
    }

    private static DoubleVector add(DoubleVector x, DoubleVector y, DoubleVector sum) {
        return FMA ? x.fma(y, sum) : x.mul(y).add(sum);
    }

    /** The last dimensions added as {@link ScalarRowDots} adds them (rows at offsets a, b), then the stripes' sum. */
    private static double addTailAndStripes(double[] stripes, float[] v, int a, int b, int body, int dim) {
        ScalarRowDots.addTail(v, a, b, body, dim, stripes);
        return RowDots.addStripes(stripes, 0);
    }
}
