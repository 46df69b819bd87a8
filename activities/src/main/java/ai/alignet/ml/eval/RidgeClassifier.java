package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * Regularised least-squares classification onto {−1, 1}^K targets, the linear few-shot probe of the ViT
 * and BiT papers (Dosovitskiy et al. 2021, Kolesnikov et al. 2020) whose protocol AligNet's few-shot
 * numbers follow. Each embedding is scaled to unit length (so the penalty means the same for every
 * backbone, whatever its embedding scale) and gets a constant 1 for the bias; then
 * W = (AᵀA + λI)⁻¹AᵀT, bias included in the penalty. Closed form: no iterations, no learning rate, and the
 * same answer as any other exact solver up to rounding, which is what lets a numpy reference count the
 * same predictions.
 */
public final class RidgeClassifier {

    private final int dim;
    private final int classes;
    /** (dim + 1) × classes, row-major. */
    private final double[] weights;

    private RidgeClassifier(int dim, int classes, double[] weights) {
        this.dim = dim;
        this.classes = classes;
        this.weights = weights;
    }

    public static RidgeClassifier fit(EmbeddingMatrix x, int[] labels, int classes, double l2) {
        if (labels.length != x.rows() || x.rows() == 0) {
            throw new IllegalArgumentException("a ridge classifier needs one label per row and at least one row, got "
                    + labels.length + " labels for " + x.rows() + " rows");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (!(l2 > 0) || Double.isInfinite(l2)) {
            throw new IllegalArgumentException("l2 must be a finite number > 0, got " + l2);
        }
        int n = x.rows();
        int width = x.dim() + 1;
        double[][] a = features(x);
        double[][] t = new double[n][classes];
        for (int r = 0; r < n; r++) {
            if (labels[r] < 0 || labels[r] >= classes) {
                throw new IllegalArgumentException("label " + labels[r] + " at row " + r + " is outside 0.." + (classes - 1));
            }
            java.util.Arrays.fill(t[r], -1.0);
            t[r][labels[r]] = 1.0;
        }
        double[] w = new double[width * classes];
        if (n < width) {
            // Fewer examples than features (the usual few-shot case): the dual form Aᵀ(AAᵀ + λI)⁻¹T is the
            // same W and needs only an n × n system.
            double[][] gram = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = dot(a[i], a[j]);
                    gram[i][j] = s;
                    gram[j][i] = s;
                }
                gram[i][i] += l2;
            }
            double[][] alpha = CholeskySolve.solve(gram, t);
            for (int r = 0; r < n; r++) {
                for (int c = 0; c < width; c++) {
                    for (int k = 0; k < classes; k++) {
                        w[c * classes + k] += a[r][c] * alpha[r][k];
                    }
                }
            }
        } else {
            double[][] normal = new double[width][width];
            double[][] rhs = new double[width][classes];
            for (int r = 0; r < n; r++) {
                for (int i = 0; i < width; i++) {
                    for (int j = 0; j <= i; j++) {
                        normal[i][j] += a[r][i] * a[r][j];
                    }
                    for (int k = 0; k < classes; k++) {
                        rhs[i][k] += a[r][i] * t[r][k];
                    }
                }
            }
            for (int i = 0; i < width; i++) {
                for (int j = 0; j < i; j++) {
                    normal[j][i] = normal[i][j];
                }
                normal[i][i] += l2;
            }
            double[][] solved = CholeskySolve.solve(normal, rhs);
            for (int c = 0; c < width; c++) {
                System.arraycopy(solved[c], 0, w, c * classes, classes);
            }
        }
        return new RidgeClassifier(x.dim(), classes, w);
    }

    /** The class with the largest score for each row; ties go to the lowest class. */
    public int[] predict(EmbeddingMatrix x) {
        if (x.dim() != dim) {
            throw new IllegalArgumentException("classifier was fitted on " + dim + "-dim features, got " + x.dim());
        }
        double[][] a = features(x);
        int[] out = new int[x.rows()];
        double[] scores = new double[classes];
        for (int r = 0; r < a.length; r++) {
            java.util.Arrays.fill(scores, 0);
            for (int c = 0; c <= dim; c++) {
                for (int k = 0; k < classes; k++) {
                    scores[k] += a[r][c] * weights[c * classes + k];
                }
            }
            out[r] = OddOneOut.firstArgmax(scores);
        }
        return out;
    }

    /** Rows scaled to unit length (a zero row stays zero), then the bias feature 1. */
    static double[][] features(EmbeddingMatrix x) {
        double[][] a = new double[x.rows()][x.dim() + 1];
        for (int r = 0; r < x.rows(); r++) {
            double norm = 0;
            for (int c = 0; c < x.dim(); c++) {
                double v = x.get(r, c);
                norm += v * v;
            }
            norm = norm == 0 ? 1 : Math.sqrt(norm);
            for (int c = 0; c < x.dim(); c++) {
                a[r][c] = x.get(r, c) / norm;
            }
            a[r][x.dim()] = 1;
        }
        return a;
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }
}
