package ai.alignet.ml.world;

import ai.alignet.ml.model.ChwImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * A generated world of object images with a known category hierarchy (superordinate → basic category →
 * exemplar) and appearance cues (colour, texture, background tint) drawn independently of category, so
 * that appearance cuts across the hierarchy: a green lizard looks like a green fern. Three disjoint
 * image sets play the roles of the unlabelled corpus ("ImageNet"), the images people judged ("THINGS")
 * and held-out evaluation images ("Levels"). Everything follows from the config's seed.
 */
public final class SyntheticWorld {

    /** Object colours; few and saturated so that colour is an easy, strong cue. */
    static final List<Color> PALETTE = List.of(
            new Color(205, 40, 40), new Color(40, 160, 60), new Color(45, 75, 205),
            new Color(225, 190, 30), new Color(145, 50, 175));
    static final List<String> COLOUR_NAMES = List.of("red", "green", "blue", "yellow", "purple");
    static final List<String> TEXTURE_NAMES = List.of("plain", "stripes", "dots");

    private final WorldConfig config;
    private final List<Category> categories;
    private final List<WorldImage> corpus;
    private final List<WorldImage> things;
    private final List<WorldImage> levels;

    private SyntheticWorld(WorldConfig config, List<Category> categories, List<WorldImage> corpus,
            List<WorldImage> things, List<WorldImage> levels) {
        this.config = config;
        this.categories = categories;
        this.corpus = corpus;
        this.things = things;
        this.levels = levels;
    }

    public static SyntheticWorld generate(WorldConfig config) {
        List<Category> categories = new ArrayList<>();
        for (int s = 0; s < config.superordinates(); s++) {
            for (int b = 0; b < config.basicPerSuperordinate(); b++) {
                categories.add(new Category(categories.size(), ShapeFamilies.BASIC_NAMES.get(s).get(b), s,
                        ShapeFamilies.SUPERORDINATE_NAMES.get(s)));
            }
        }
        Random random = new Random(config.seed());
        // Image ids carry the set name, which keeps the sets disjoint by construction.
        List<WorldImage> corpus = images("corpus", categories, config.corpusPerCategory(), random);
        List<WorldImage> things = images("things", categories, config.thingsPerCategory(), random);
        List<WorldImage> levels = images("levels", categories, config.levelsPerCategory(), random);
        return new SyntheticWorld(config, List.copyOf(categories), corpus, things, levels);
    }

    private static List<WorldImage> images(String set, List<Category> categories, int perCategory, Random random) {
        List<WorldImage> out = new ArrayList<>();
        for (int e = 0; e < perCategory; e++) {
            for (Category c : categories) {
                out.add(new WorldImage(String.format("%s-%05d", set, out.size()), c.id(), c.superordinate(),
                        random.nextInt(PALETTE.size()), random.nextInt(TEXTURE_NAMES.size()), random.nextLong()));
            }
        }
        return List.copyOf(out);
    }

    public WorldConfig config() {
        return config;
    }

    public List<Category> categories() {
        return categories;
    }

    public List<WorldImage> corpus() {
        return corpus;
    }

    public List<WorldImage> things() {
        return things;
    }

    public List<WorldImage> levels() {
        return levels;
    }

    public BufferedImage render(WorldImage image) {
        int size = config.imageSize();
        Random jitter = new Random(image.renderSeed());
        BufferedImage out = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // A pale tint of any hue, independent of the object: another appearance cue.
            g.setColor(Color.getHSBColor(jitter.nextFloat(), 0.15f + 0.2f * jitter.nextFloat(),
                    0.85f + 0.12f * jitter.nextFloat()));
            g.fillRect(0, 0, size, size);

            Category category = categories.get(image.category());
            int basic = image.category() - category.superordinate() * config.basicPerSuperordinate();
            Shape unitShape = ShapeFamilies.shape(category.superordinate(), basic);
            AffineTransform place = new AffineTransform();
            place.translate(size / 2.0 + (jitter.nextDouble() - 0.5) * size * 0.12,
                    size / 2.0 + (jitter.nextDouble() - 0.5) * size * 0.12);
            place.rotate((jitter.nextDouble() - 0.5) * Math.toRadians(24));
            place.scale(size * 0.43 * (0.88 + 0.17 * jitter.nextDouble()), size * 0.43 * (0.88 + 0.17 * jitter.nextDouble()));
            g.transform(place);

            Color colour = PALETTE.get(image.colour());
            g.setColor(colour);
            g.fill(unitShape);
            g.clip(unitShape);
            drawTexture(g, image.texture(), colour, jitter.nextDouble() * 0.2);
        } finally {
            g.dispose();
        }
        return out;
    }

    private static void drawTexture(Graphics2D g, int texture, Color colour, double phase) {
        if (texture == 1) {
            g.setColor(colour.darker().darker());
            g.rotate(Math.PI / 4);
            for (double x = -1.6 + phase; x < 1.6; x += 0.22) {
                g.fill(new Rectangle2D.Double(x, -1.6, 0.09, 3.2));
            }
        } else if (texture == 2) {
            g.setColor(new Color((colour.getRed() + 255) / 2, (colour.getGreen() + 255) / 2, (colour.getBlue() + 255) / 2));
            for (double y = -1.1 + phase; y < 1.1; y += 0.26) {
                for (double x = -1.1 + phase; x < 1.1; x += 0.26) {
                    g.fill(new Ellipse2D.Double(x, y, 0.12, 0.12));
                }
            }
        }
    }

    public byte[] renderPng(WorldImage image) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(render(image), "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("could not encode image " + image.id() + " as PNG", e);
        }
        return bytes.toByteArray();
    }

    /** The image in the CHW layout models take. */
    public ChwImage renderChw(WorldImage image) {
        BufferedImage rgb = render(image);
        int size = config.imageSize();
        byte[] out = new byte[3 * size * size];
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int p = rgb.getRGB(x, y);
                int o = y * size + x;
                out[o] = (byte) (p >> 16);
                out[size * size + o] = (byte) (p >> 8);
                out[2 * size * size + o] = (byte) p;
            }
        }
        return new ChwImage(size, out);
    }
}
