package ai.alignet.formats;

import ai.alignet.ml.distill.StudentModels;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.djl.Model;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A stored model: a zip holding {@code model.json} (the descriptor, and for a student the triplet
 * head's width) and the DJL parameter file. One object per model keeps "which bytes are this model"
 * a single sha256.
 */
public final class ModelArchive {

    /** What the zip's model.json says. {@code headDim} is 0 for a bare backbone. */
    public record Card(BackboneDescriptor descriptor, String kind, int headDim, long headSeed) {

        public static Card backbone(BackboneDescriptor d) {
            return new Card(d, "backbone", 0, 0);
        }

        public static Card student(BackboneDescriptor d, int headDim, long headSeed) {
            return new Card(d, "student", headDim, headSeed);
        }

        /** A fresh block of this card's architecture, ready to receive saved parameters. */
        public Block newBlock() {
            Block backbone = SyntheticBackbones.create(descriptor);
            return "student".equals(kind) ? StudentModels.withHead(backbone, headDim, headSeed) : backbone;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "model.json";

    private ModelArchive() {}

    public static byte[] write(Card card, Model model) {
        Path dir = tempDir();
        try {
            ModelFiles.save(model, dir);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes); Stream<Path> files = Files.list(dir)) {
                ZipEntry cardEntry = new ZipEntry(CARD);
                cardEntry.setTime(0); // a time stamp would change the sha256, and with it every downstream cache key
                zip.putNextEntry(cardEntry);
                zip.write(JSON.writeValueAsBytes(card));
                zip.closeEntry();
                for (Path f : files.sorted().toList()) {
                    ZipEntry entry = new ZipEntry(f.getFileName().toString());
                    entry.setTime(0); // same parameters, same bytes, same sha256
                    zip.putNextEntry(entry);
                    zip.write(Files.readAllBytes(f));
                    zip.closeEntry();
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot pack model '" + model.getName() + "'", e);
        } finally {
            deleteTree(dir);
        }
    }

    public static Card card(byte[] archive, String source) {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(CARD)) {
                    return JSON.readValue(zip.readAllBytes(), Card.class);
                }
            }
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not a readable model archive: " + e.getMessage());
        }
        throw new InvalidInputException(source + ": model archive has no " + CARD);
    }

    /** Loads the archive into a new {@link Model} (the caller closes it). */
    public static Model load(byte[] archive, String source) {
        Card card = card(archive, source);
        Path dir = tempDir();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                Path target = dir.resolve(e.getName()).normalize();
                if (!target.startsWith(dir) || e.isDirectory()) {
                    throw new InvalidInputException(source + ": model archive entry '" + e.getName() + "' is not a plain file name");
                }
                Files.write(target, zip.readAllBytes());
            }
            return ModelFiles.load(card.descriptor(), dir, card.newBlock());
        } catch (IOException e) {
            throw new InvalidInputException(source + ": not a readable model archive: " + e.getMessage());
        } finally {
            deleteTree(dir);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("alignet-model-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for a model", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // best effort: a leftover temp folder is harmless
        }
    }
}
