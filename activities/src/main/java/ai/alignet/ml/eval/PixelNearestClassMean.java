package ai.alignet.ml.eval;

import java.util.List;

/**
 * The fixed, model-independent filter classifier of the ImageNet-A-style probe (where ImageNet-A used a
 * ResNet-50): the class means of the training images' raw pixels; an image goes to the class whose mean
 * is nearest in squared Euclidean distance (ties to the lowest class). It sees only appearance, so the
 * images it gets wrong are those whose look misleads: the "natural adversarial" examples.
 */
public final class PixelNearestClassMean {

    private final double[][] means;

    private PixelNearestClassMean(double[][] means) {
        this.means = means;
    }

    public static PixelNearestClassMean fit(List<float[]> pixels, int[] labels, int classes) {
        if (pixels.size() != labels.length || pixels.isEmpty()) {
            throw new IllegalArgumentException("need one label per image and at least one image, got " + labels.length
                    + " labels for " + pixels.size() + " images");
        }
        int length = pixels.get(0).length;
        double[][] sums = new double[classes][length];
        int[] count = new int[classes];
        for (int n = 0; n < labels.length; n++) {
            float[] p = pixels.get(n);
            if (p.length != length) {
                throw new IllegalArgumentException("image " + n + " has " + p.length + " values, image 0 has " + length
                        + "; all images must have the same size");
            }
            if (labels[n] < 0 || labels[n] >= classes) {
                throw new IllegalArgumentException("label " + labels[n] + " at image " + n + " is outside 0.." + (classes - 1));
            }
            count[labels[n]]++;
            for (int i = 0; i < length; i++) {
                sums[labels[n]][i] += p[i];
            }
        }
        for (int k = 0; k < classes; k++) {
            if (count[k] == 0) {
                throw new IllegalArgumentException("class " + k + " has no training image; the filter needs every class");
            }
            for (int i = 0; i < length; i++) {
                sums[k][i] /= count[k];
            }
        }
        return new PixelNearestClassMean(sums);
    }

    public int predict(float[] pixels) {
        if (pixels.length != means[0].length) {
            throw new IllegalArgumentException("image has " + pixels.length + " values, the filter was fitted on "
                    + means[0].length);
        }
        double[] distance = new double[means.length];
        for (int k = 0; k < means.length; k++) {
            double d = 0;
            for (int i = 0; i < pixels.length; i++) {
                double diff = pixels[i] - means[k][i];
                d += diff * diff;
            }
            distance[k] = -d;
        }
        return OddOneOut.firstArgmax(distance);
    }

    /** Indices (ascending) of the images this filter classifies wrongly. */
    public int[] errors(List<float[]> pixels, int[] labels) {
        if (pixels.size() != labels.length) {
            throw new IllegalArgumentException("need one label per image, got " + labels.length + " labels for "
                    + pixels.size() + " images");
        }
        return java.util.stream.IntStream.range(0, labels.length).filter(n -> predict(pixels.get(n)) != labels[n]).toArray();
    }
}
