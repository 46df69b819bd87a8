package ai.alignet.ml.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/** Turns encoded image bytes (PNG, JPEG) into the CHW float layout models take. */
public final class ImageDecoder {

    private ImageDecoder() {}

    /** RGB, CHW, values in [0, 1], resized (bilinear) to size × size when it is not already. */
    public static float[] decodeChw(byte[] encoded, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("decode size must be >= 1, got " + size);
        }
        BufferedImage image;
        try {
            // An in-memory stream: ImageIO.read(InputStream) would cache the bytes in a temporary file.
            image = encoded == null ? null : ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("image bytes (" + (encoded == null ? 0 : encoded.length)
                    + " bytes) are corrupt: " + e.getMessage() + "; re-export the image as PNG or JPEG", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("image bytes (" + (encoded == null ? 0 : encoded.length)
                    + " bytes) are not a PNG or JPEG image; check the file is an image and not truncated");
        }
        int[] rgb = null;
        if (image.getWidth() != size || image.getHeight() != size || image.getType() != BufferedImage.TYPE_INT_RGB) {
            BufferedImage resized = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = resized.createGraphics();
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, size, size, null);
            g.dispose();
            image = resized;
            // Our own TYPE_INT_RGB image: one packed int per pixel, row-major, no offset — read it directly.
            rgb = ((DataBufferInt) resized.getRaster().getDataBuffer()).getData();
        }
        int plane = size * size;
        float[] out = new float[3 * plane];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int o = y * size + x;
                int p = rgb != null ? rgb[o] : image.getRGB(x, y);
                out[o] = ((p >> 16) & 0xff) / 255f;
                out[plane + o] = ((p >> 8) & 0xff) / 255f;
                out[2 * plane + o] = (p & 0xff) / 255f;
            }
        }
        return out;
    }
}
