package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Multinomial logistic regression (softmax) with an L2 penalty on the weights, trained by full-batch
 * gradient descent with a backtracking (Armijo) line search. The line search makes every step decrease
 * the training loss, so there is no learning rate to tune and the result is deterministic.
 * Features are standardised per dimension with the training mean and standard deviation.
 */
public final class LinearProbe {

    private final double[] featureMean;
    private final double[] featureStd;
    private final int classes;
    private final int dim;
    /** Weights (classes × dim, row-major) followed by the biases (classes). */
    private final double[] parameters;
    private final List<Double> lossCurve;

    private LinearProbe(double[] featureMean, double[] featureStd, int classes, double[] parameters, List<Double> lossCurve) {
        this.featureMean = featureMean;
        this.featureStd = featureStd;
        this.classes = classes;
        this.dim = featureMean.length;
        this.parameters = parameters;
        this.lossCurve = lossCurve;
    }

    /**
     * Minimises mean cross-entropy + (l2 / 2)·‖W‖² (biases are not penalised) for {@code iterations}
     * gradient steps, starting from zero.
     */
    public static LinearProbe train(EmbeddingMatrix x, int[] labels, int classes, double l2, int iterations) {
        if (labels.length != x.rows()) {
            throw new IllegalArgumentException("got " + labels.length + " labels for " + x.rows() + " rows; pass one label per row");
        }
        if (x.rows() == 0) {
            throw new IllegalArgumentException("a linear probe needs at least one training row, got none");
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, got " + classes);
        }
        if (!(l2 >= 0)) {
            throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        for (int n = 0; n < labels.length; n++) {
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IllegalArgumentException("label " + labels[n] + " at row " + n + " is outside 0.." + (classes - 1));
            }
        }
        int dim = x.dim();
        double[] mean = new double[dim];
        double[] std = new double[dim];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < dim; c++) {
                mean[c] += x.get(r, c);
            }
        }
        for (int c = 0; c < dim; c++) {
            mean[c] /= x.rows();
        }
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < dim; c++) {
                double d = x.get(r, c) - mean[c];
                std[c] += d * d;
            }
        }
        for (int c = 0; c < dim; c++) {
            std[c] = Math.sqrt(std[c] / x.rows());
            // A constant feature carries no information; dividing by 1 keeps it at zero instead of NaN.
            if (std[c] < 1e-12) {
                std[c] = 1;
            }
        }
        double[][] features = standardise(x, mean, std);
        double[] theta = new double[classes * dim + classes];
        double[] gradient = new double[theta.length];
        double[] candidateGradient = new double[theta.length];
        List<Double> curve = new ArrayList<>();
        double loss = lossAndGradient(theta, features, labels, classes, l2, gradient);
        curve.add(loss);
        double step = 1.0;
        for (int it = 0; it < iterations; it++) {
            double gradNormSq = 0;
            for (double g : gradient) {
                gradNormSq += g * g;
            }
            if (gradNormSq < 1e-20) {
                break;
            }
            double[] candidate = new double[theta.length];
            double candidateLoss;
            step *= 2;
            while (true) {
                for (int p = 0; p < theta.length; p++) {
                    candidate[p] = theta[p] - step * gradient[p];
                }
                candidateLoss = lossAndGradient(candidate, features, labels, classes, l2, candidateGradient);
                if (candidateLoss <= loss - 0.5 * step * gradNormSq || step < 1e-12) {
                    break;
                }
                step /= 2;
            }
            if (candidateLoss > loss) {
                break;
            }
            theta = candidate;
            loss = candidateLoss;
            System.arraycopy(candidateGradient, 0, gradient, 0, gradient.length);
            curve.add(loss);
        }
        return new LinearProbe(mean, std, classes, theta, Collections.unmodifiableList(curve));
    }

    /** Training loss before the first step and after each accepted step. */
    public List<Double> lossCurve() {
        return lossCurve;
    }

    public int[] predict(EmbeddingMatrix x) {
        if (x.dim() != dim) {
            throw new IllegalArgumentException("probe was trained on " + dim + "-dim features, got " + x.dim());
        }
        double[][] features = standardise(x, featureMean, featureStd);
        int[] predictions = new int[x.rows()];
        double[] logits = new double[classes];
        for (int r = 0; r < x.rows(); r++) {
            logits(parameters, features[r], classes, logits);
            predictions[r] = OddOneOut.firstArgmax(logits);
        }
        return predictions;
    }

    public double accuracy(EmbeddingMatrix x, int[] labels) {
        if (labels.length != x.rows() || x.rows() == 0) {
            throw new IllegalArgumentException("accuracy needs one label per row and at least one row, got "
                    + labels.length + " labels for " + x.rows() + " rows");
        }
        int[] predictions = predict(x);
        int correct = 0;
        for (int r = 0; r < labels.length; r++) {
            correct += predictions[r] == labels[r] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /** Mean cross-entropy + (l2/2)·‖W‖² at {@code theta}; writes its gradient into {@code gradient}. */
    static double lossAndGradient(double[] theta, double[][] features, int[] labels, int classes, double l2, double[] gradient) {
        int dim = features[0].length;
        int biasOffset = classes * dim;
        java.util.Arrays.fill(gradient, 0);
        double loss = 0;
        double[] logits = new double[classes];
        for (int n = 0; n < features.length; n++) {
            double[] f = features[n];
            logits(theta, f, classes, logits);
            double max = logits[0];
            for (double l : logits) {
                max = Math.max(max, l);
            }
            double sum = 0;
            for (int k = 0; k < classes; k++) {
                logits[k] = Math.exp(logits[k] - max);
                sum += logits[k];
            }
            loss -= Math.log(logits[labels[n]] / sum);
            for (int k = 0; k < classes; k++) {
                double residual = logits[k] / sum - (k == labels[n] ? 1 : 0);
                for (int c = 0; c < dim; c++) {
                    gradient[k * dim + c] += residual * f[c];
                }
                gradient[biasOffset + k] += residual;
            }
        }
        int count = features.length;
        loss /= count;
        for (int p = 0; p < gradient.length; p++) {
            gradient[p] /= count;
        }
        for (int p = 0; p < biasOffset; p++) {
            loss += 0.5 * l2 * theta[p] * theta[p];
            gradient[p] += l2 * theta[p];
        }
        return loss;
    }

    private static void logits(double[] theta, double[] f, int classes, double[] out) {
        int dim = f.length;
        for (int k = 0; k < classes; k++) {
            double z = theta[classes * dim + k];
            for (int c = 0; c < dim; c++) {
                z += theta[k * dim + c] * f[c];
            }
            out[k] = z;
        }
    }

    private static double[][] standardise(EmbeddingMatrix x, double[] mean, double[] std) {
        double[][] out = new double[x.rows()][x.dim()];
        for (int r = 0; r < x.rows(); r++) {
            for (int c = 0; c < x.dim(); c++) {
                out[r][c] = (x.get(r, c) - mean[c]) / std[c];
            }
        }
        return out;
    }
}
