package ai.alignet.ml.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The decoder's output equals, value for value, that of the path it replaced: {@code ImageIO.read}, Java2D
 * bilinear {@code drawImage} into a TYPE_INT_RGB image, channels split into floats {@code v / 255f}. For BGR
 * and grey sources that checks {@link Java2dBilinear} against Java2D itself.
 */
class ImageDecoderTest {

    @ParameterizedTest(name = "{0} {1} {2}x{3} -> {4}")
    @CsvSource({
        // downscale, as ImageNet-sized photos to 224
        "jpg, rgb, 500, 375, 224", "jpg, rgb, 333, 221, 224", "jpg, grey, 500, 375, 224",
        "png, rgb, 500, 375, 224", "png, grey, 301, 457, 224", "png, rgba, 500, 375, 224",
        // small model inputs, odd ratios, one side already the right size, the same size, upscale
        "jpg, rgb, 97, 61, 16", "png, rgb, 17, 300, 32", "jpg, rgb, 224, 100, 224", "png, rgb, 100, 224, 224",
        "jpg, rgb, 224, 224, 224", "png, grey, 32, 32, 32", "jpg, rgb, 40, 30, 224", "png, grey, 5, 3, 64",
        "png, rgba, 33, 47, 16", "png, palette, 120, 80, 64", "jpg, rgb, 1, 1, 7", "png, rgb, 1000, 3, 224"})
    void decodesToThePreviousPathsValues(String format, String kind, int width, int height, int size) throws IOException {
        byte[] encoded = encode(picture(kind, width, height, width * 31L + height), format);
        ChwImage decoded = ImageDecoder.decodeChw(encoded, size);
        assertThat(decoded.size()).isEqualTo(size);
        assertThat(decoded.toUnitFloats()).containsExactly(previousPath(encoded, size));
    }

    @Test
    void bgrAndGreyImagesTakeTheIntegerResizeAndOthersJava2d() throws IOException {
        // Guards the test above: its BGR and grey cases must exercise Java2dBilinear, not the fallback.
        BufferedImage jpeg = ImageIO.read(new ByteArrayInputStream(encode(picture("rgb", 50, 40, 1), "jpg")));
        BufferedImage greyPng = ImageIO.read(new ByteArrayInputStream(encode(picture("grey", 50, 40, 1), "png")));
        BufferedImage rgbaPng = ImageIO.read(new ByteArrayInputStream(encode(picture("rgba", 50, 40, 1), "png")));
        assertThat(Java2dBilinear.resizeToChw(jpeg, 16)).isNotNull();
        assertThat(Java2dBilinear.resizeToChw(greyPng, 16)).isNotNull();
        assertThat(Java2dBilinear.resizeToChw(rgbaPng, 16)).isNull();
    }

    /**
     * A thread decodes each image into its previous one when size and type match: consecutive images of
     * one size, in every layout and with layouts alternating, must each come out as on their own.
     */
    @Test
    void consecutiveImagesOfOneSizeDoNotShowThroughEachOther() throws IOException {
        String[][] sequence = {{"jpg", "rgb"}, {"jpg", "rgb"}, {"jpg", "grey"}, {"jpg", "rgb"}, {"png", "rgb"},
            {"png", "rgb"}, {"png", "rgba"}, {"png", "rgba"}, {"png", "grey"}, {"png", "grey"}, {"jpg", "grey"},
            {"jpg", "grey"}};
        for (int i = 0; i < sequence.length; i++) {
            byte[] encoded = encode(picture(sequence[i][1], 150, 100, 1000L + i), sequence[i][0]);
            assertThat(ImageDecoder.decodeChw(encoded, 48).toUnitFloats()).as("image %d (%s %s)", i, sequence[i][0],
                    sequence[i][1]).containsExactly(previousPath(encoded, 48));
        }
    }

    @Test
    void aFailedImageDoesNotSpoilTheThreadsReaderForTheNextOne() throws IOException {
        byte[] good = encode(picture("rgb", 400, 300, 5), "jpg");
        ChwImage first = ImageDecoder.decodeChw(good, 64);
        byte[] garbage = Arrays.copyOf(good, 600);
        for (int i = 20; i < garbage.length; i++) {
            garbage[i] = (byte) (i * 7);
        }
        assertThatThrownBy(() -> ImageDecoder.decodeChw(garbage, 64))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("(600 bytes) are corrupt");
        // Cut inside the scan data: libjpeg warns and fills the rest, ImageIO.read gave the same picture.
        byte[] truncated = Arrays.copyOf(good, good.length * 2 / 3);
        assertThat(ImageDecoder.decodeChw(truncated, 64).toUnitFloats()).containsExactly(previousPath(truncated, 64));
        assertThat(ImageDecoder.decodeChw(good, 64)).isEqualTo(first);
        byte[] png = encode(picture("rgb", 70, 50, 6), "png");
        assertThatThrownBy(() -> ImageDecoder.decodeChw(Arrays.copyOf(png, png.length / 2), 32))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("corrupt");
        assertThat(ImageDecoder.decodeChw(png, 32).toUnitFloats()).containsExactly(previousPath(png, 32));
    }

    /** The decoder before bytes: ImageIO.read, Java2D bilinear into TYPE_INT_RGB, CHW floats v / 255f. */
    private static float[] previousPath(byte[] encoded, int size) throws IOException {
        BufferedImage image = ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
        BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = resized.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = resized.getRGB(x, y);
                int o = y * size + x;
                out[o] = ((p >> 16) & 0xff) / 255f;
                out[plane + o] = ((p >> 8) & 0xff) / 255f;
                out[2 * plane + o] = (p & 0xff) / 255f;
            }
        }
        return out;
    }

    /** Gradients, shapes and per-pixel noise, so neighbouring pixels differ and every weight matters. */
    private static BufferedImage picture(String kind, int width, int height, long seed) {
        int type = switch (kind) {
            case "rgb" -> BufferedImage.TYPE_3BYTE_BGR;
            case "grey" -> BufferedImage.TYPE_BYTE_GRAY;
            case "rgba" -> BufferedImage.TYPE_4BYTE_ABGR;
            case "palette" -> BufferedImage.TYPE_BYTE_INDEXED;
            default -> throw new IllegalArgumentException(kind);
        };
        SplittableRandom random = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(width, height, type);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(1 << 24)), width, height,
                new Color(random.nextInt(1 << 24))));
        g.fillRect(0, 0, width, height);
        g.setColor(new Color(random.nextInt(1 << 24)));
        g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        g.dispose();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int p = img.getRGB(x, y);
                int noise = random.nextInt(41) - 20;
                int alpha = kind.equals("rgba") ? random.nextInt(256) : 255;
                img.setRGB(x, y, (alpha << 24) | (clamp(((p >> 16) & 0xff) + noise) << 16)
                        | (clamp(((p >> 8) & 0xff) - noise) << 8) | clamp((p & 0xff) + 2 * noise));
            }
        }
        return img;
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertThat(ImageIO.write(image, format, bytes)).as("ImageIO writes %s", format).isTrue();
        return bytes.toByteArray();
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
