package ai.alignet.ml.model;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads PNG and JPEG bytes as {@code ImageIO.read} does, with one reader per format per thread:
 * {@code ImageIO.read} looks the reader up in the plug-in registry and builds a new one for every image.
 * The reader is the one {@code ImageIO.read} would pick (the first that accepts the bytes), read with
 * the same settings, so the pixels are the same. Other formats go to {@code ImageIO.read} itself.
 */
final class ImageReaders {

    private static final ThreadLocal<ImageReader> JPEG = new ThreadLocal<>();
    private static final ThreadLocal<ImageReader> PNG = new ThreadLocal<>();
    /** The image this thread decoded last: the next one of the same size and type is decoded into it. */
    private static final ThreadLocal<BufferedImage> LAST = new ThreadLocal<>();
    /** Larger images are not kept for reuse: at most 2048 × 2048 × 3 bytes (12 MB) stay with a thread. */
    private static final long MAX_KEPT_PIXELS = 2048L * 2048L;

    private ImageReaders() {}

    /**
     * The decoded image, or null when no ImageIO reader accepts the bytes. The image is this thread's
     * scratch: the next call on the thread may decode into it, so use it before reading another.
     */
    static BufferedImage read(byte[] encoded) throws IOException {
        // An in-memory stream: ImageIO.read(InputStream) would cache the bytes in a temporary file.
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
        ThreadLocal<ImageReader> slot = isJpeg(encoded) ? JPEG : isPng(encoded) ? PNG : null;
        if (slot == null) {
            return ImageIO.read(in);
        }
        ImageReader reader = slot.get();
        if (reader == null) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                in.close();
                return null;
            }
            reader = readers.next();
            slot.set(reader);
        }
        boolean done = false;
        try {
            reader.setInput(in, true, true);
            BufferedImage image = reader.read(0, paramFor(reader));
            done = true;
            if ((long) image.getWidth() * image.getHeight() <= MAX_KEPT_PIXELS) {
                LAST.set(image);
            } else {
                LAST.remove();
            }
            return image;
        } finally {
            in.close();
            if (done) {
                reader.setInput(null);
            } else {
                // A reader that failed mid-image is not trusted with the next one.
                reader.dispose();
                slot.remove();
            }
        }
    }

    /**
     * The default parameters, with the last image as the destination when it has this image's size and the
     * type the reader would pick: the reader overwrites every pixel, and a fresh 500 × 375 image costs
     * a 0.56 MB zeroed allocation per decode.
     */
    private static ImageReadParam paramFor(ImageReader reader) throws IOException {
        ImageReadParam param = reader.getDefaultReadParam();
        BufferedImage last = LAST.get();
        if (last != null && last.getWidth() == reader.getWidth(0) && last.getHeight() == reader.getHeight(0)) {
            Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
            if (types.hasNext() && types.next().getBufferedImageType() == last.getType()
                    && last.getType() != BufferedImage.TYPE_CUSTOM) {
                param.setDestination(last);
            }
        }
        return param;
    }

    // The signatures the JDK's JPEG and PNG reader plug-ins check before accepting bytes.
    private static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF;
    }

    private static boolean isPng(byte[] b) {
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        if (b.length < signature.length) {
            return false;
        }
        for (int i = 0; i < signature.length; i++) {
            if (b[i] != signature[i]) {
                return false;
            }
        }
        return true;
    }
}
