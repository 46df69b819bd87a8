package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;

/**
 * ImageNet → ImageNet-A-style shift: a linear probe ({@link RidgeClassifier}, the closed-form probe of
 * the few-shot metric) trained on one labelled set and tested only on the held-out images that a fixed
 * filter classifier ({@link PixelNearestClassMean}, trained on the same training images) gets wrong. The
 * filter does not depend on the model being probed, so every model is tested on the same images. Ridge
 * rather than the iterative logistic {@link LinearProbe}: on the demo's 1024-wide student outputs and
 * 12 classes the logistic probe took ~12 s per model, the closed form ~1 s.
 */
public final class AdversarialShift {

    /** Correct predictions among the {@code n} filtered images; accuracy is NaN when none survived the filter. */
    public record Result(int n, int correct) {
        public double accuracy() {
            return n == 0 ? Double.NaN : (double) correct / n;
        }
    }

    private AdversarialShift() {}

    public static Result probe(EmbeddingMatrix train, int[] trainLabels, EmbeddingMatrix heldOut, int[] heldOutLabels,
            int[] filtered, int classes, double l2) {
        if (heldOutLabels.length != heldOut.rows()) {
            throw new IllegalArgumentException("got " + heldOutLabels.length + " held-out labels for " + heldOut.rows() + " rows");
        }
        if (filtered.length == 0) {
            return new Result(0, 0);
        }
        RidgeClassifier probe = RidgeClassifier.fit(train, trainLabels, classes, l2);
        int[] predicted = probe.predict(heldOut.select(filtered));
        int correct = 0;
        for (int n = 0; n < filtered.length; n++) {
            correct += predicted[n] == heldOutLabels[filtered[n]] ? 1 : 0;
        }
        return new Result(filtered.length, correct);
    }
}
