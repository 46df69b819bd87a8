package ai.alignet.ml.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

/**
 * Tensor–scalar arithmetic that is safe inside a gradient collector. Use it instead of DJL's
 * {@code NDArray.mul(Number)}, {@code div(Number)}, {@code add(Number)} wherever autograd records the op.
 *
 * <p>Why: DJL's PyTorch engine turns the number into a tensor that borrows a Java direct buffer
 * ({@code torch::from_blob}) and closes it right after the op. Autograd's MulBackward/DivBackward keep
 * that scalar tensor for the backward pass, but nothing keeps the Java buffer alive; once the garbage
 * collector frees it, the backward pass reads freed memory. The result was rare, load-dependent wrong
 * gradients: same-seed teacher fits differing by 1e-3 and a NaN loss two steps into a distillation
 * (reproduced by {@code ScalarOpsTest} under GC pressure). Here the scalar is allocated by libtorch
 * ({@code full}), so the graph's own reference keeps it alive after this method closes its handle.
 *
 * <p>Outside a gradient collector (optimiser updates, inference) DJL's number overloads are safe: the
 * scalar is read during the op and never again.
 */
public final class ScalarOps {

    private ScalarOps() {}

    public static NDArray mul(NDArray x, double value) {
        try (NDArray s = scalarLike(x, value)) {
            return x.mul(s);
        }
    }

    public static NDArray div(NDArray x, double value) {
        try (NDArray s = scalarLike(x, value)) {
            return x.div(s);
        }
    }

    public static NDArray add(NDArray x, double value) {
        try (NDArray s = scalarLike(x, value)) {
            return x.add(s);
        }
    }

    /** A 0-dimensional tensor of x's type, in x's manager, with libtorch-owned storage. */
    private static NDArray scalarLike(NDArray x, double value) {
        return x.getManager().full(new Shape(), (float) value, x.getDataType());
    }
}
