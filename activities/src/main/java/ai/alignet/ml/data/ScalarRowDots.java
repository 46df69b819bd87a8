package ai.alignet.ml.data;

/**
 * {@link RowDots} in plain Java: the definition, and the kernel wherever the vector module is missing.
 * One stripe at a time — dimensions s, s + 8, s + 16, ... — with the triplets' sums side by side, so a
 * pass keeps three (or six) independent sums in flight as a single running sum per pair did before the
 * stripes; after the first stripe the rows are in the L1 cache, so the other seven cost no memory traffic.
 */
final class ScalarRowDots implements RowDots {

    private static final boolean FMA = FusedMultiplyAdd.INTRINSIC;

    @Override
    public String name() {
        return "scalar";
    }

    @Override
    public double dot(float[] v, int rowA, int rowB, int dim) {
        int a = rowA * dim;
        int b = rowB * dim;
        double[] stripes = new double[STRIPES];
        for (int s = 0; s < STRIPES; s++) {
            double sum = 0;
            for (int d = s; d < dim; d += STRIPES) {
                sum = add(v[a + d], v[b + d], sum);
            }
            stripes[s] = sum;
        }
        return RowDots.addStripes(stripes, 0);
    }

    @Override
    public void tripletDots(float[] v, int rowA, int rowB, int rowC, int dim, double[] out, int at) {
        int a = rowA * dim;
        int b = rowB * dim;
        int c = rowC * dim;
        double[] stripes = new double[3 * STRIPES]; // a·b's stripe s at [s], a·c's at [8 + s], b·c's at [16 + s]
        for (int s = 0; s < STRIPES; s++) {
            double ab = 0;
            double ac = 0;
            double bc = 0;
            for (int d = s; d < dim; d += STRIPES) {
                double x = v[a + d];
                double y = v[b + d];
                double z = v[c + d];
                ab = add(x, y, ab);
                ac = add(x, z, ac);
                bc = add(y, z, bc);
            }
            stripes[s] = ab;
            stripes[STRIPES + s] = ac;
            stripes[2 * STRIPES + s] = bc;
        }
        out[at] = RowDots.addStripes(stripes, 0);
        out[at + 1] = RowDots.addStripes(stripes, STRIPES);
        out[at + 2] = RowDots.addStripes(stripes, 2 * STRIPES);
    }

    @Override
    public void twoTripletDots(float[] v, int[] t, int[] u, int dim, double[] out) {
        int ta = t[0] * dim;
        int tb = t[1] * dim;
        int tc = t[2] * dim;
        int ua = u[0] * dim;
        int ub = u[1] * dim;
        int uc = u[2] * dim;
        double[] stripes = new double[6 * STRIPES]; // sum i's stripe s at [8i + s], i in tripletDots' order, t then u
        for (int s = 0; s < STRIPES; s++) {
            double tab = 0;
            double tac = 0;
            double tbc = 0;
            double uab = 0;
            double uac = 0;
            double ubc = 0;
            for (int d = s; d < dim; d += STRIPES) {
                double xa = v[ta + d];
                double xb = v[tb + d];
                double xc = v[tc + d];
                double ya = v[ua + d];
                double yb = v[ub + d];
                double yc = v[uc + d];
                tab = add(xa, xb, tab);
                tac = add(xa, xc, tac);
                tbc = add(xb, xc, tbc);
                uab = add(ya, yb, uab);
                uac = add(ya, yc, uac);
                ubc = add(yb, yc, ubc);
            }
            stripes[s] = tab;
            stripes[STRIPES + s] = tac;
            stripes[2 * STRIPES + s] = tbc;
            stripes[3 * STRIPES + s] = uab;
            stripes[4 * STRIPES + s] = uac;
            stripes[5 * STRIPES + s] = ubc;
        }
        for (int i = 0; i < 6; i++) {
            out[i] = RowDots.addStripes(stripes, i * STRIPES);
        }
    }

    /**
     * Dimensions [body, dim) of the rows at offsets {@code a} and {@code b} into stripes 0, 1, ... (fewer
     * than {@value #STRIPES} of them, so each its stripe's last term): the tail a vector kernel leaves.
     */
    static void addTail(float[] v, int a, int b, int body, int dim, double[] stripes) {
        for (int d = body; d < dim; d++) {
            stripes[d - body] = add(v[a + d], v[b + d], stripes[d - body]);
        }
    }

    private static double add(double x, double y, double sum) {
        return FMA ? Math.fma(x, y, sum) : sum + x * y;
    }
}
