package ai.alignet.ml.model;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * Ridge regression from standardised embeddings to one-hot labels, solved in closed form; a test's way
 * to ask "is this information linearly present in the embedding?".
 */
final class LinearReadout {

    private final double[] mean;
    private final double[] scale;
    private final double[][] weights; // (dim + 1) x classes

    private LinearReadout(double[] mean, double[] scale, double[][] weights) {
        this.mean = mean;
        this.scale = scale;
        this.weights = weights;
    }

    static LinearReadout fit(EmbeddingMatrix x, int[] labels, int classes, double ridge) {
        int n = x.rows();
        int d = x.dim();
        double[] mean = new double[d];
        double[] scale = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x.get(r, c) / n;
            }
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                double v = x.get(r, c) - mean[c];
                scale[c] += v * v / n;
            }
        }
        for (int c = 0; c < d; c++) {
            scale[c] = Math.sqrt(scale[c]) + 1e-8;
        }
        int p = d + 1;
        double[][] a = new double[p][p];
        double[][] b = new double[p][classes];
        double[] f = new double[p];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                f[c] = (x.get(r, c) - mean[c]) / scale[c];
            }
            f[d] = 1;
            for (int i = 0; i < p; i++) {
                for (int j = 0; j < p; j++) {
                    a[i][j] += f[i] * f[j];
                }
                b[i][labels[r]] += f[i];
            }
        }
        for (int i = 0; i < d; i++) {
            a[i][i] += ridge;
        }
        return new LinearReadout(mean, scale, solve(a, b));
    }

    int predict(float[] row) {
        int d = mean.length;
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < weights[0].length; k++) {
            double s = weights[d][k];
            for (int c = 0; c < d; c++) {
                s += (row[c] - mean[c]) / scale[c] * weights[c][k];
            }
            if (s > bestScore) {
                bestScore = s;
                best = k;
            }
        }
        return best;
    }

    double accuracy(EmbeddingMatrix x, int[] labels) {
        int right = 0;
        for (int r = 0; r < x.rows(); r++) {
            if (predict(x.row(r)) == labels[r]) {
                right++;
            }
        }
        return (double) right / x.rows();
    }

    /** Gauss-Jordan with partial pivoting; a is symmetric positive definite here. */
    private static double[][] solve(double[][] a, double[][] b) {
        int p = a.length;
        int k = b[0].length;
        for (int col = 0; col < p; col++) {
            int pivot = col;
            for (int r = col + 1; r < p; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
                    pivot = r;
                }
            }
            double[] tmp = a[col];
            a[col] = a[pivot];
            a[pivot] = tmp;
            tmp = b[col];
            b[col] = b[pivot];
            b[pivot] = tmp;
            double div = a[col][col];
            for (int j = 0; j < p; j++) {
                a[col][j] /= div;
            }
            for (int j = 0; j < k; j++) {
                b[col][j] /= div;
            }
            for (int r = 0; r < p; r++) {
                if (r != col && a[r][col] != 0) {
                    double factor = a[r][col];
                    for (int j = 0; j < p; j++) {
                        a[r][j] -= factor * a[col][j];
                    }
                    for (int j = 0; j < k; j++) {
                        b[r][j] -= factor * b[col][j];
                    }
                }
            }
        }
        return b;
    }
}
