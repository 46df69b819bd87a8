package ai.alignet.ml.model;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;

/** Turns encoded image bytes (PNG, JPEG) into the CHW layout models take. */
public final class ImageDecoder {

    private ImageDecoder() {}

    /** RGB, CHW, 8 bits per value, resized (Java2D bilinear) to size × size when it is not already. */
    public static ChwImage decodeChw(byte[] encoded, int size) {
        if (size < 1) {
            throw new IllegalArgumentException("decode size must be >= 1, got " + size);
        }
        BufferedImage image;
        try {
            image = encoded == null ? null : ImageReaders.read(encoded);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("image bytes (" + (encoded == null ? 0 : encoded.length)
                    + " bytes) are corrupt: " + e.getMessage() + "; re-export the image as PNG or JPEG", e);
        }
        if (image == null) {
            throw new IllegalArgumentException("image bytes (" + (encoded == null ? 0 : encoded.length)
                    + " bytes) are not a PNG or JPEG image; check the file is an image and not truncated");
        }
        byte[] chw = Java2dBilinear.resizeToChw(image, size);
        return new ChwImage(size, chw != null ? chw : drawnChw(image, size));
    }

    /** Any other layout (RGBA, palette, 16-bit): let Java2D draw it into RGB, then split the channels. */
    private static byte[] drawnChw(BufferedImage image, int size) {
        BufferedImage rgb = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.drawImage(image, 0, 0, size, size, null);
        g.dispose();
        // Our own TYPE_INT_RGB image: one packed int per pixel, row-major, no offset — read it directly.
        int[] packed = ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
        int plane = size * size;
        byte[] out = new byte[3 * plane];
        for (int o = 0; o < plane; o++) {
            int p = packed[o];
            out[o] = (byte) (p >> 16);
            out[plane + o] = (byte) (p >> 8);
            out[2 * plane + o] = (byte) p;
        }
        return out;
    }
}
