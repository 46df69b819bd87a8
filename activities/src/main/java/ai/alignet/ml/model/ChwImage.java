package ai.alignet.ml.model;

import java.util.Arrays;

/**
 * A decoded RGB image of size × size as 8-bit values, channel-major (all red, then green, then blue,
 * each row by row). Byte {@code v} (read unsigned) stands for the model input value {@code v / 255f};
 * {@link NormalisedBatch} turns it into the normalised float a model sees. Bytes rather than floats
 * because the embed, distill and evaluate stages hold whole decoded shards: 150 KB per 224 px image
 * instead of 602 KB.
 *
 * <p>{@code pixels} is not copied (a shard holds thousands of these); treat it as read-only.
 */
public record ChwImage(int size, byte[] pixels) {

    public ChwImage {
        if (size < 1) {
            throw new IllegalArgumentException("image size must be >= 1, got " + size);
        }
        if (pixels.length != 3 * size * size) {
            throw new IllegalArgumentException("a " + size + "x" + size + " RGB image has " + 3 * size * size
                    + " values, got " + pixels.length + "; pass CHW bytes of exactly that size");
        }
    }

    /** The values as the floats in [0, 1] they stand for ({@code v / 255f}), CHW. */
    public float[] toUnitFloats() {
        float[] out = new float[pixels.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (pixels[i] & 0xff) / 255f;
        }
        return out;
    }

    // A record compares arrays by reference; two images are equal when their pixels are.
    @Override
    public boolean equals(Object o) {
        return o instanceof ChwImage other && size == other.size && Arrays.equals(pixels, other.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "ChwImage[" + size + "x" + size + "]";
    }
}
