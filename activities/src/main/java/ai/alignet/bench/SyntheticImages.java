package ai.alignet.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random CHW [0, 1] images: model inputs for throughput runs, where the pixel values do not matter. */
final class SyntheticImages {

    private SyntheticImages() {}

    static List<float[]> chw(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<float[]> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            float[] img = new float[3 * size * size];
            for (int p = 0; p < img.length; p++) {
                img[p] = (float) random.nextDouble();
            }
            images.add(img);
        }
        return images;
    }
}
