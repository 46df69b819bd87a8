package ai.alignet.ml.model;

import ai.alignet.formats.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;

/**
 * Exact pixels for evaluation against PyTorch references: RGB, CHW, value / 255, no resizing and no
 * colour management, so a PNG gives the same numbers as {@code np.asarray(PIL.Image.open(f)
 * .convert("RGB")) / 255}. Grey images are read from the raster (Java's getRGB would gamma-convert
 * them); alpha is dropped, not composited, as PIL's convert("RGB") does.
 */
public final class ImagePixels {

    private ImagePixels() {}

    public static float[] decodeChw(byte[] encoded, String source, int size) {
        BufferedImage image;
        try {
            image = ImageReaders.read(encoded);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(source + ": undecodable image (" + encoded.length + " bytes): "
                    + e.getMessage() + "; re-export it as PNG or JPEG");
        }
        if (image == null) {
            throw new InvalidInputException(source + ": not a PNG or JPEG image (" + encoded.length
                    + " bytes); check the file is an image and not truncated");
        }
        if (image.getWidth() != size || image.getHeight() != size) {
            throw new InvalidInputException(source + ": image is " + image.getWidth() + "x" + image.getHeight()
                    + " but the model takes " + size + "x" + size + "; resize the images (or pass the matching --image-size)");
        }
        int plane = size * size;
        float[] out = new float[3 * plane];
        Raster raster = image.getRaster();
        int bands = raster.getNumBands();
        boolean grey = image.getColorModel().getColorSpace().getNumComponents() == 1;
        if (grey) {
            int max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int v = raster.getSample(x, y, 0);
                    float f = max == 255 ? v / 255f : Math.round(v * 255.0 / max) / 255f;
                    out[y * size + x] = f;
                    out[plane + y * size + x] = f;
                    out[2 * plane + y * size + x] = f;
                }
            }
            return out;
        }
        if (bands < 3) {
            throw new InvalidInputException(source + ": image has " + bands + " colour bands; expected RGB or grey");
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = image.getRGB(x, y);
                int o = y * size + x;
                out[o] = ((p >> 16) & 0xff) / 255f;
                out[plane + o] = ((p >> 8) & 0xff) / 255f;
                out[2 * plane + o] = (p & 0xff) / 255f;
            }
        }
        return out;
    }
}
