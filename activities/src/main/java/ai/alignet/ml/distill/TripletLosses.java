package ai.alignet.ml.distill;

import ai.alignet.ml.engine.ScalarOps;
import ai.djl.ndarray.NDArray;

/**
 * The student loss of AligNet: the teacher's target p = softmax([s01, s02, s12]) (no temperature), the
 * student's q = softmax([h0·h1, h0·h2, h1·h2] / τ) from triplet-head outputs, compared by Jensen–Shannon
 * divergence (default) or KL(p‖q). Natural logarithms; both losses are means over the batch.
 */
public final class TripletLosses {

    public static final double DEFAULT_TAU = 100.0;

    /** Keeps log(0) finite; 0·log(ε) is still 0, so zero-probability entries contribute nothing. */
    private static final float EPSILON = 1e-12f;

    private TripletLosses() {}

    /** p from the teacher's similarity logits (B, 3). */
    public static NDArray teacherTarget(NDArray similarities) {
        return similarities.softmax(-1);
    }

    /** q from triplet-head outputs (B, 3, D): the three pair dot products, divided by τ, softmaxed. */
    public static NDArray studentDistribution(NDArray heads, double tau) {
        NDArray h0 = heads.get(":, 0, :");
        NDArray h1 = heads.get(":, 1, :");
        NDArray h2 = heads.get(":, 2, :");
        NDArray s01 = h0.mul(h1).sum(new int[] {1}, true);
        NDArray s02 = h0.mul(h2).sum(new int[] {1}, true);
        NDArray s12 = h1.mul(h2).sum(new int[] {1}, true);
        return ScalarOps.div(s01.concat(s02, 1).concat(s12, 1), tau).softmax(-1);
    }

    /** KL(p‖q) = Σ p (log p − log q), averaged over the batch. */
    public static NDArray kl(NDArray p, NDArray q) {
        return p.mul(safeLog(p).sub(safeLog(q))).sum(new int[] {1}).mean();
    }

    /** JSD(p, q) = ½ KL(p‖m) + ½ KL(q‖m) with m = (p + q) / 2, averaged over the batch. */
    public static NDArray jsd(NDArray p, NDArray q) {
        NDArray logM = safeLog(ScalarOps.div(p.add(q), 2));
        NDArray toP = p.mul(safeLog(p).sub(logM)).sum(new int[] {1});
        NDArray toQ = q.mul(safeLog(q).sub(logM)).sum(new int[] {1});
        return ScalarOps.div(toP.add(toQ), 2).mean();
    }

    private static NDArray safeLog(NDArray x) {
        return x.clip(EPSILON, 1.0f).log();
    }
}
