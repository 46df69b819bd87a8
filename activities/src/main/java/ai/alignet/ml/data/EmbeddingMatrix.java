package ai.alignet.ml.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * A dense row-major matrix of embeddings: one row per image. Plain float arrays keep the ML core
 * cheap to hand between stages and to serialise; DJL arrays are made from it where gradients are needed.
 */
public record EmbeddingMatrix(int rows, int dim, float[] values) {

    public EmbeddingMatrix {
        if (rows < 0 || dim <= 0) {
            throw new IllegalArgumentException("embedding matrix needs rows >= 0 and dim > 0, got " + rows + "x" + dim);
        }
        if (values.length != (long) rows * dim) {
            throw new IllegalArgumentException(
                    "embedding matrix " + rows + "x" + dim + " needs " + (long) rows * dim + " values, got " + values.length);
        }
    }

    /**
     * Rows × dim independent standard normal values, drawn from {@code random} in row-major order (benchmarks
     * and tests: the same seed gives the same matrix, and {@code random} can go on to draw what comes next).
     */
    public static EmbeddingMatrix gaussian(int rows, int dim, SplittableRandom random) {
        float[] values = new float[Math.multiplyExact(rows, dim)];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return new EmbeddingMatrix(rows, dim, values);
    }

    public static EmbeddingMatrix zeros(int rows, int dim) {
        return new EmbeddingMatrix(rows, dim, new float[rows * dim]);
    }

    public float get(int row, int col) {
        return values[row * dim + col];
    }

    /** A copy of one row. */
    public float[] row(int row) {
        return Arrays.copyOfRange(values, row * dim, (row + 1) * dim);
    }

    /** Rows a and b's dot product in double precision, summed in {@link RowDots}' order. */
    public double dot(int a, int b) {
        return RowDots.fastest().dot(values, a, b, dim);
    }

    /** The rows at the given indices, in that order. */
    public EmbeddingMatrix select(int[] indices) {
        float[] out = new float[indices.length * dim];
        for (int r = 0; r < indices.length; r++) {
            System.arraycopy(values, indices[r] * dim, out, r * dim, dim);
        }
        return new EmbeddingMatrix(indices.length, dim, out);
    }

    /** Rows stacked: this matrix first, then {@code other}. */
    public EmbeddingMatrix append(EmbeddingMatrix other) {
        if (other.dim != dim) {
            throw new IllegalArgumentException("cannot stack embeddings of width " + dim + " and " + other.dim);
        }
        float[] out = Arrays.copyOf(values, values.length + other.values.length);
        System.arraycopy(other.values, 0, out, values.length, other.values.length);
        return new EmbeddingMatrix(rows + other.rows, dim, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmbeddingMatrix m && m.rows == rows && m.dim == dim && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * rows + dim) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "EmbeddingMatrix[" + rows + "x" + dim + "]";
    }
}
