package ai.alignet.ml.teacher;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * The fitted teacher alignment: standardise with scalar corpus statistics, then an affine map,
 * z = W·((x − mean) / std) + b, plus a temperature T fitted to human choice uncertainty.
 *
 * <p>Calibrated triplet probabilities are p = softmax([S_ij, S_ik, S_jk] / T) with S computed on
 * {@link #apply} embeddings. {@link #applyCalibrated} folds T into the map (W and b scaled by
 * 1/√T), so its plain dot products already equal S / T. Label scoring must use
 * {@link #applyCalibrated}: AligNet labels are logits used with no further temperature. k-means may
 * use either (it is invariant to a global scale).
 *
 * @param weight outDim × dim, row-major
 */
public record TeacherTransform(
        float mean, float std, int dim, int outDim, float[] weight, float[] bias, double temperature) {

    public TeacherTransform {
        if (!(std > 0) || Float.isInfinite(std)) {
            throw new IllegalArgumentException("std must be a finite number > 0, got " + std);
        }
        if (dim < 1 || outDim < 1) {
            throw new IllegalArgumentException("dim and outDim must be >= 1, got " + dim + " and " + outDim);
        }
        if (weight.length != (long) outDim * dim) {
            throw new IllegalArgumentException("weight must have outDim × dim = " + (long) outDim * dim + " values, got " + weight.length);
        }
        if (bias.length != outDim) {
            throw new IllegalArgumentException("bias must have outDim = " + outDim + " values, got " + bias.length);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number > 0, got " + temperature);
        }
        weight = weight.clone();
        bias = bias.clone();
    }

    /** W = I, b = 0, T = 1: the raw standardised features. */
    public static TeacherTransform identity(float mean, float std, int dim) {
        float[] weight = new float[dim * dim];
        for (int d = 0; d < dim; d++) {
            weight[d * dim + d] = 1;
        }
        return new TeacherTransform(mean, std, dim, dim, weight, new float[dim], 1.0);
    }

    @Override
    public float[] weight() {
        return weight.clone();
    }

    @Override
    public float[] bias() {
        return bias.clone();
    }

    public TeacherTransform withTemperature(double newTemperature) {
        return new TeacherTransform(mean, std, dim, outDim, weight, bias, newTemperature);
    }

    /** Aligned embeddings without the temperature: z = W·((x − mean)/std) + b. */
    public EmbeddingMatrix apply(EmbeddingMatrix raw) {
        return map(raw, 1.0);
    }

    /** Aligned embeddings with the temperature folded in: z / √T, so dot products are S / T. */
    public EmbeddingMatrix applyCalibrated(EmbeddingMatrix raw) {
        return map(raw, 1.0 / Math.sqrt(temperature));
    }

    private EmbeddingMatrix map(EmbeddingMatrix raw, double scale) {
        if (raw.dim() != dim) {
            throw new IllegalArgumentException("teacher transform expects " + dim + "-dim embeddings, got " + raw.dim()
                    + "; embed with the backbone the teacher was fitted on");
        }
        float[] out = new float[raw.rows() * outDim];
        double[] x = new double[dim];
        for (int r = 0; r < raw.rows(); r++) {
            for (int c = 0; c < dim; c++) {
                x[c] = (raw.get(r, c) - (double) mean) / std;
            }
            for (int o = 0; o < outDim; o++) {
                double z = bias[o];
                int offset = o * dim;
                for (int c = 0; c < dim; c++) {
                    z += weight[offset + c] * x[c];
                }
                out[r * outDim + o] = (float) (z * scale);
            }
        }
        return new EmbeddingMatrix(raw.rows(), outDim, out);
    }
}
