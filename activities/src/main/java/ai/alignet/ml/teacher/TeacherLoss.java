package ai.alignet.ml.teacher;

import ai.alignet.ml.engine.ScalarOps;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;

/** The three terms of the teacher objective (DESIGN.md §3), as differentiable DJL expressions. */
public final class TeacherLoss {

    /** Added to the self-similarity logit so that the softmax runs over j ≠ i only. */
    private static final float EXCLUDE_SELF = -1e9f;

    private TeacherLoss() {}

    /**
     * L_global = −mean log p_ij with p = softmax([S_ij, S_ik, S_jk]) at τ = 1; rows of zi, zj, zk
     * are the aligned embeddings of the triplets' items, k the human odd one out.
     */
    public static NDArray global(NDArray zi, NDArray zj, NDArray zk) {
        int[] features = {1};
        NDArray logits = NDArrays.stack(
                new NDList(zi.mul(zj).sum(features), zi.mul(zk).sum(features), zj.mul(zk).sum(features)), 1);
        return logits.logSoftmax(1).get(":, 0").mean().neg();
    }

    /**
     * L_local = mean over i of the cross-entropy −Σ_{j≠i} P_ij log Q_ij, where P is the softmax over
     * j ≠ i of cos(x_i, x_j)/τ_l in the standardised original space (a fixed target) and Q the same on z.
     */
    public static NDArray local(NDArray x, NDArray z, double tauLocal) {
        long n = x.getShape().get(0);
        NDArray selfMask = ScalarOps.mul(x.getManager().eye((int) n), EXCLUDE_SELF);
        NDArray target = ScalarOps.div(cosine(x), tauLocal).add(selfMask).softmax(1).stopGradient();
        NDArray logQ = ScalarOps.div(cosine(z), tauLocal).add(selfMask).logSoftmax(1);
        return target.mul(logQ).sum(new int[] {1}).mean().neg();
    }

    /** ‖W − mean(diag W)·I‖²_F: pulls W towards a scaled identity without fixing its scale. */
    public static NDArray regulariser(NDArray w) {
        int d = (int) w.getShape().get(0);
        NDArray eye = w.getManager().eye(d);
        NDArray meanDiagonal = ScalarOps.div(w.mul(eye).sum(), d);
        return w.sub(eye.mul(meanDiagonal)).square().sum();
    }

    /** Row-wise cosine similarity matrix; the small floor keeps zero rows from dividing by zero. */
    private static NDArray cosine(NDArray rows) {
        NDArray unit = rows.div(ScalarOps.add(rows.square().sum(new int[] {1}, true), 1e-12f).sqrt());
        return unit.matMul(unit.transpose());
    }
}
