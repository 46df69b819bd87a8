package ai.alignet.cli;

import ai.alignet.formats.GlocalTripletsNpy;
import ai.alignet.formats.InvalidInputException;
import ai.alignet.formats.LevelsCsv;
import ai.alignet.formats.ThingsTriplets;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.Embedder;
import ai.alignet.ml.model.ImagePixels;
import ai.alignet.ml.model.OddOneOutCounts;
import ai.alignet.ml.model.TorchScriptBackbones;
import ai.djl.Model;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./alignet eval}: odd-one-out agreement of a TorchScript model with human triplets, counted
 * exactly by the published rule (S_ij last before argmax; ties are wrong). No server needed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Odd-one-out accuracy of a TorchScript model on human triplets (no server needed).")
public class EvalCommand implements Callable<Integer> {

    private static final List<String> IMAGE_EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    @Option(names = "--model", required = true, paramLabel = "M.pt", description = "TorchScript model; its output is the embedding")
    Path model;

    @Option(names = "--image-size", required = true, paramLabel = "N", description = "images must be N x N pixels")
    int imageSize;

    @Option(names = "--mean", required = true, split = ",", paramLabel = "R,G,B", description = "per-channel mean on [0, 1] pixels")
    float[] mean;

    @Option(names = "--std", required = true, split = ",", paramLabel = "R,G,B", description = "per-channel std")
    float[] std;

    @Option(names = "--images", required = true, paramLabel = "DIR",
            description = "DIR/<index>.png|jpg for things and gl-npy triplets, DIR/<path> for the CSV")
    Path images;

    @Option(names = "--triplets", required = true, paramLabel = "FILE")
    Path triplets;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "things (text, odd one out last), gl-npy (N x 3 .npy, column 2 odd), csv "
                    + "(image1,image2,image3,odd_one_out[,type]); default from the file extension")
    String format;

    @Option(names = "--json", description = "print {\"n\", \"correct\", \"accuracy\", \"byType\"} as JSON")
    boolean json;

    @Option(names = "--batch-size", defaultValue = "64", paramLabel = "B")
    int batchSize;

    /** Triplets as slots into {@code files}, the image files to embed, and per-triplet types (or null). */
    record Loaded(List<Triplet> triplets, List<Path> files, List<String> types) {}

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            try {
                validateOptions();
                Loaded loaded = load(resolveFormat());
                // Decoded when the embedder asks for each image, so only one batch of pixels is in memory
                // (THINGS' 1,854 images at 224 px would be 1.1 GB of floats at once).
                List<float[]> pixels = new AbstractList<>() {
                    @Override
                    public float[] get(int index) {
                        Path f = loaded.files().get(index);
                        try {
                            return ImagePixels.decodeChw(Files.readAllBytes(f), f.toString(), imageSize);
                        } catch (IOException e) {
                            throw new UserError("cannot read image " + f + ": " + e.getMessage());
                        }
                    }

                    @Override
                    public int size() {
                        return loaded.files().size();
                    }
                };
                String name = model.getFileName().toString().replaceFirst("\\.pt$", "");
                BackboneDescriptor d = new BackboneDescriptor(name, "torchscript", "torchscript", imageSize, mean, std, 1, 0);
                EmbeddingMatrix z;
                try (Model m = TorchScriptBackbones.load(model, name, false); Embedder embedder = new Embedder(m, d)) {
                    z = embedder.embedUnitFloats(pixels, batchSize);
                }
                OddOneOutCounts counts = OddOneOutCounts.of(z, loaded.triplets(), loaded.types());
                System.out.println(json ? toJson(counts) : toText(counts));
                return 0;
            } catch (InvalidInputException e) {
                throw new UserError(e.getMessage());
            }
        });
    }

    private void validateOptions() {
        if (mean.length != 3 || std.length != 3) {
            throw new UserError("--mean and --std take three comma-separated values (R,G,B), got " + mean.length
                    + " and " + std.length);
        }
        for (float s : std) {
            if (!(s > 0)) {
                throw new UserError("--std values must be > 0, got " + s);
            }
        }
        if (imageSize < 1 || batchSize < 1) {
            throw new UserError("--image-size and --batch-size must be >= 1");
        }
        if (!Files.isDirectory(images)) {
            throw new UserError("--images " + images + " is not a folder");
        }
        if (!Files.isRegularFile(triplets)) {
            throw new UserError("--triplets " + triplets + " does not exist");
        }
    }

    private String resolveFormat() {
        if (format != null) {
            if (!List.of("things", "gl-npy", "csv").contains(format)) {
                throw new UserError("--format must be things, gl-npy or csv, got '" + format + "'");
            }
            return format;
        }
        String file = triplets.getFileName().toString().toLowerCase(Locale.ROOT);
        if (file.endsWith(".txt")) {
            return "things";
        }
        if (file.endsWith(".npy")) {
            return "gl-npy";
        }
        if (file.endsWith(".csv")) {
            return "csv";
        }
        throw new UserError("cannot tell the format of " + triplets + " from its extension; pass --format things|gl-npy|csv");
    }

    Loaded load(String fmt) throws IOException {
        byte[] bytes = Files.readAllBytes(triplets);
        String source = triplets.toString();
        if (fmt.equals("csv")) {
            Map<String, Integer> slot = new LinkedHashMap<>();
            List<Triplet> out = new ArrayList<>();
            List<String> types = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            for (LevelsCsv.Response r : LevelsCsv.readResponses(bytes, source)) {
                int odd = r.oddOneOut() - 1;
                int[] order = odd == 0 ? new int[] {1, 2, 0} : odd == 1 ? new int[] {0, 2, 1} : new int[] {0, 1, 2};
                int[] ids = new int[3];
                for (int p = 0; p < 3; p++) {
                    String path = r.image(order[p]);
                    Integer id = slot.get(path);
                    if (id == null) {
                        Path file = images.resolve(path).normalize();
                        if (!file.startsWith(images.normalize()) || !Files.isRegularFile(file)) {
                            throw new UserError(source + " line " + r.line() + ": image" + (order[p] + 1) + " '" + path
                                    + "' is not a file under " + images);
                        }
                        id = files.size();
                        slot.put(path, id);
                        files.add(file);
                    }
                    ids[p] = id;
                }
                out.add(new Triplet(ids[0], ids[1], ids[2]));
                types.add(r.type());
            }
            return new Loaded(out, files, types);
        }
        Map<Integer, Path> byIndex = indexedImages();
        int items = byIndex.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
        List<Triplet> read = fmt.equals("things")
                ? ThingsTriplets.read(bytes, source, items)
                : GlocalTripletsNpy.read(bytes, source, items);
        Map<Integer, Integer> slot = new LinkedHashMap<>();
        List<Path> files = new ArrayList<>();
        List<Triplet> out = new ArrayList<>(read.size());
        for (int t = 0; t < read.size(); t++) {
            int[] ids = new int[3];
            int[] idx = read.get(t).toArray();
            for (int p = 0; p < 3; p++) {
                Integer id = slot.get(idx[p]);
                if (id == null) {
                    Path file = byIndex.get(idx[p]);
                    if (file == null) {
                        throw new UserError(source + " triplet " + t + ": no image " + idx[p] + ".png or " + idx[p]
                                + ".jpg in " + images);
                    }
                    id = files.size();
                    slot.put(idx[p], id);
                    files.add(file);
                }
                ids[p] = id;
            }
            out.add(new Triplet(ids[0], ids[1], ids[2]));
        }
        return new Loaded(out, files, null);
    }

    private Map<Integer, Path> indexedImages() throws IOException {
        Map<Integer, Path> byIndex = new LinkedHashMap<>();
        try (Stream<Path> list = Files.list(images)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                String name = p.getFileName().toString();
                String lower = name.toLowerCase(Locale.ROOT);
                int dot = name.lastIndexOf('.');
                if (dot <= 0 || !IMAGE_EXTENSIONS.contains(lower.substring(dot)) || !name.substring(0, dot).matches("\\d+")) {
                    continue;
                }
                Path previous = byIndex.put(Integer.parseInt(name.substring(0, dot)), p);
                if (previous != null) {
                    throw new UserError("two images for index " + name.substring(0, dot) + " in " + images + ": "
                            + previous.getFileName() + " and " + name + "; keep one");
                }
            }
        }
        return byIndex;
    }

    static String toJson(OddOneOutCounts c) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = counts(mapper, c);
        ObjectNode byType = root.putObject("byType");
        c.byType().forEach((type, t) -> byType.set(type, counts(mapper, t)));
        return root.toString();
    }

    private static ObjectNode counts(ObjectMapper mapper, OddOneOutCounts c) {
        ObjectNode n = mapper.createObjectNode();
        n.put("n", c.n());
        n.put("correct", c.correct());
        n.put("accuracy", c.accuracy());
        return n;
    }

    private static String toText(OddOneOutCounts c) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "accuracy %.4f (%d of %d triplets)",
                c.accuracy(), c.correct(), c.n()));
        c.byType().forEach((type, t) -> sb.append(String.format(Locale.ROOT, "%n  %-10s %.4f (%d of %d)", type,
                t.accuracy(), t.correct(), t.n())));
        return sb.toString();
    }
}
