package ai.alignet.service;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * Principal-component projection to two dimensions by power iteration on the centred rows: small,
 * exact enough for a picture, no linear-algebra library needed.
 */
final class EmbeddingProjection {

    private static final int ITERATIONS = 60;

    private EmbeddingProjection() {}

    /** The given rows of {@code m}, projected onto their first two principal components. */
    static double[][] pca2(EmbeddingMatrix m, int[] rows) {
        int d = m.dim();
        double[][] x = new double[rows.length][d];
        double[] mean = new double[d];
        for (int i = 0; i < rows.length; i++) {
            float[] r = m.row(rows[i]);
            for (int j = 0; j < d; j++) {
                x[i][j] = r[j];
                mean[j] += r[j] / rows.length;
            }
        }
        for (double[] r : x) {
            for (int j = 0; j < d; j++) {
                r[j] -= mean[j];
            }
        }
        double[] first = component(x, null);
        double[] second = component(x, first);
        double[][] out = new double[rows.length][2];
        for (int i = 0; i < rows.length; i++) {
            out[i][0] = dot(x[i], first);
            out[i][1] = dot(x[i], second);
        }
        return out;
    }

    /** The leading eigenvector of XᵀX, orthogonal to {@code against} when given. */
    private static double[] component(double[][] x, double[] against) {
        int d = x[0].length;
        double[] v = new double[d];
        for (int j = 0; j < d; j++) {
            v[j] = 1.0 + 0.01 * j; // deterministic start, not orthogonal to any likely component
        }
        for (int it = 0; it < ITERATIONS; it++) {
            if (against != null) {
                double p = dot(v, against);
                for (int j = 0; j < d; j++) {
                    v[j] -= p * against[j];
                }
            }
            double[] next = new double[d];
            for (double[] r : x) {
                double s = dot(r, v);
                for (int j = 0; j < d; j++) {
                    next[j] += s * r[j];
                }
            }
            double norm = Math.sqrt(dot(next, next));
            if (norm == 0) {
                return v;
            }
            for (int j = 0; j < d; j++) {
                v[j] = next[j] / norm;
            }
        }
        return v;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int j = 0; j < a.length; j++) {
            s += a[j] * b[j];
        }
        return s;
    }
}
