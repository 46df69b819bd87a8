package ai.alignet.bench;

import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.ImageDecoder;
import ai.alignet.ml.model.NormalisedBatch;
import ai.djl.ndarray.NDManager;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Input pipeline throughput: JPEG bytes → {@link ImageDecoder} (decode, bilinear resize) →
 * {@link NormalisedBatch} (per-channel normalisation into a model input array), the path the embed
 * stage takes. Images come from a folder of .jpg files (so a reference can read the same files) or
 * are drawn here at ImageNet's typical 500 × 375.
 */
public final class DecodeBench {

    public record Result(int images, int imageSize, int threads, double imagesPerSecond, Spread imagesPerSecondSpread,
            double imagesPerSecondPerThread) {}

    private DecodeBench() {}

    public static Result run(Path imagesDir, int syntheticImages, int imageSize, int threads, int repeats) {
        if (threads < 1 || repeats < 1) {
            throw new IllegalArgumentException("threads and repeats must be >= 1");
        }
        List<byte[]> jpegs = imagesDir != null ? readJpegs(imagesDir) : syntheticJpegs(syntheticImages, 500, 375, 23);
        BackboneDescriptor d = new BackboneDescriptor("bench", "torchscript", "torchscript", imageSize,
                new float[] {0.485f, 0.456f, 0.406f}, new float[] {0.229f, 0.224f, 0.225f}, 1, 0);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            decodeAll(pool, threads, jpegs, d); // one untimed pass: lets the JIT compile the pixel loops
            List<Double> seconds = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                decodeAll(pool, threads, jpegs, d);
                seconds.add(Spread.seconds(start));
            }
            Spread rate = Spread.ratesOf(jpegs.size(), seconds);
            return new Result(jpegs.size(), imageSize, threads, rate.median(), rate, rate.median() / threads);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void decodeAll(ExecutorService pool, int threads, List<byte[]> jpegs, BackboneDescriptor d) {
        List<Future<?>> parts = new ArrayList<>();
        for (int w = 0; w < threads; w++) {
            int worker = w;
            parts.add(pool.submit(() -> {
                try (NDManager manager = NDManager.newBaseManager()) {
                    for (int i = worker; i < jpegs.size(); i += threads) {
                        ChwImage chw = ImageDecoder.decodeChw(jpegs.get(i), d.imageSize());
                        NormalisedBatch.of(manager, d, List.of(chw), new int[] {0}).close();
                    }
                }
            }));
        }
        for (Future<?> part : parts) {
            try {
                part.get();
            } catch (Exception e) {
                throw new IllegalStateException("decoding failed: " + e.getMessage(), e);
            }
        }
    }

    /** Writes {@code count} synthetic 500 × 375 JPEGs into {@code dir} as 00000.jpg, 00001.jpg, … */
    public static void writeSyntheticJpegs(Path dir, int count) {
        try {
            Files.createDirectories(dir);
            List<byte[]> jpegs = syntheticJpegs(count, 500, 375, 23);
            for (int i = 0; i < jpegs.size(); i++) {
                Files.write(dir.resolve(String.format("%05d.jpg", i)), jpegs.get(i));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write images to " + dir + "; check the folder is writable", e);
        }
    }

    static List<byte[]> readJpegs(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            List<byte[]> out = new ArrayList<>();
            for (Path f : files.filter(p -> p.toString().endsWith(".jpg")).sorted().toList()) {
                out.add(Files.readAllBytes(f));
            }
            if (out.isEmpty()) {
                throw new IllegalArgumentException("no .jpg files in " + dir + "; point --images-dir at a folder of JPEGs");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read images from " + dir, e);
        }
    }

    /** Smooth gradients with a few solid shapes and pixel noise: compresses like a photograph, not like a flat fill. */
    public static List<byte[]> syntheticJpegs(int count, int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<byte[]> out = new ArrayList<>(count);
        for (int n = 0; n < count; n++) {
            BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = img.createGraphics();
            g.setPaint(new GradientPaint(0, 0, new Color(random.nextInt(1 << 24)), width, height,
                    new Color(random.nextInt(1 << 24))));
            g.fillRect(0, 0, width, height);
            for (int s = 0; s < 6; s++) {
                g.setColor(new Color(random.nextInt(1 << 24)));
                g.fillOval(random.nextInt(width), random.nextInt(height), 20 + random.nextInt(width / 2),
                        20 + random.nextInt(height / 2));
            }
            g.dispose();
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int noise = random.nextInt(17) - 8;
                    int p = img.getRGB(x, y);
                    int r = clamp(((p >> 16) & 0xff) + noise);
                    int gr = clamp(((p >> 8) & 0xff) + noise);
                    int b = clamp((p & 0xff) + noise);
                    img.setRGB(x, y, (r << 16) | (gr << 8) | b);
                }
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try {
                ImageIO.write(img, "jpg", bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.add(bytes.toByteArray());
        }
        return out;
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
