package ai.alignet.bench;

import ai.alignet.ml.model.ChwImage;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random CHW images: model inputs for throughput runs, where the pixel values do not matter. */
final class SyntheticImages {

    private SyntheticImages() {}

    static List<ChwImage> chw(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<ChwImage> images = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] img = new byte[3 * size * size];
            for (int p = 0; p < img.length; p++) {
                img[p] = (byte) random.nextInt(256);
            }
            images.add(new ChwImage(size, img));
        }
        return images;
    }
}
