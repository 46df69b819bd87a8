package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalisedBatchTest {

    private static final BackboneDescriptor IMAGENET = new BackboneDescriptor("imagenet", "torchscript", "torchscript", 16,
            new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}, 8, 0);
    private static final BackboneDescriptor OTHER = new BackboneDescriptor("other", "torchscript", "torchscript", 16,
            new float[] {0.7f, 0.3f, 0.5f}, new float[] {0.3f, 0.11f, 0.9f}, 8, 0);

    @Test
    void everyByteNormalisesBitForBitAsItsFloatDid() {
        for (BackboneDescriptor d : List.of(IMAGENET, OTHER)) {
            // Both ways of filling the array: in the CPU tensor's memory, and through a staging buffer (the GPU's way).
            assertBitIdenticalToTheFloatFormula(d, true);
            assertBitIdenticalToTheFloatFormula(d, false);
        }
    }

    private static void assertBitIdenticalToTheFloatFormula(BackboneDescriptor d, boolean inPlace) {
        int plane = d.imageSize() * d.imageSize();
        // Image 0 holds the values 0..255 in each channel, image 1 the same reversed and channel-shifted.
        byte[][] pixels = new byte[2][3 * plane];
        for (int ch = 0; ch < 3; ch++) {
            for (int p = 0; p < plane; p++) {
                pixels[0][ch * plane + p] = (byte) p;
                pixels[1][ch * plane + p] = (byte) (255 - (p + 85 * ch) % 256);
            }
        }
        List<ChwImage> images = List.of(new ChwImage(d.imageSize(), pixels[0]), new ChwImage(d.imageSize(), pixels[1]));
        int[] order = {1, 0, 1};
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray batch = NormalisedBatch.of(manager, d, images, order, inPlace);
            assertThat(batch.getShape()).isEqualTo(new Shape(3, 3, d.imageSize(), d.imageSize()));
            float[] got = batch.toFloatArray();
            for (int n = 0; n < order.length; n++) {
                for (int ch = 0; ch < 3; ch++) {
                    for (int p = 0; p < plane; p++) {
                        int v = pixels[order[n]][ch * plane + p] & 0xff;
                        float before = (v / 255f - d.mean()[ch]) / d.std()[ch]; // the float path's formula
                        assertThat(Float.floatToRawIntBits(got[(n * 3 + ch) * plane + p]))
                                .as("%s in place %s: image %d channel %d value %d", d.name(), inPlace, n, ch, v)
                                .isEqualTo(Float.floatToRawIntBits(before));
                    }
                }
            }
            NDArray fromFloats = NormalisedBatch.ofUnitFloats(manager, d,
                    images.stream().map(ChwImage::toUnitFloats).toList(), order);
            assertThat(fromFloats.toFloatArray()).containsExactly(got);
        }
    }

    @Test
    void anImageOfTheWrongSizeIsNamedWithTheSizeToDecodeAt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            List<ChwImage> images = List.of(new ChwImage(16, new byte[3 * 16 * 16]), new ChwImage(8, new byte[3 * 8 * 8]));
            assertThatThrownBy(() -> NormalisedBatch.of(manager, IMAGENET, images, new int[] {0, 1}))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("image 1 has 192 values")
                    .hasMessageContaining("decode it with size 16");
        }
    }
}
