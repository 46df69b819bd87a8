package ai.alignet.formats;

import ai.alignet.ml.data.LabelledTriplet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The official AligNet label file: an {@code .npz} with {@code filenames} (n, 3) unicode strings,
 * {@code similarities} (n, 3) float [s01, s02, s12] and {@code indices} (n, 3) int, the odd one out
 * last in every row. Reads what numpy writes (stored or deflated, any of float32/float64 and
 * int32/int64); writes float32 similarities and int64 indices, which {@code np.load} reads as is.
 */
public final class AligNetLabelsNpz {

    public static final String FILENAMES = "filenames";
    public static final String SIMILARITIES = "similarities";
    public static final String INDICES = "indices";

    private AligNetLabelsNpz() {}

    /** Labels in AligNet order; row r is images {@code indices[3r..3r+2]} with file names alike. */
    public record Labels(String[] filenames, long[] indices, double[] similarities) {

        public int size() {
            return indices.length / 3;
        }

        public LabelledTriplet triplet(int row) {
            return new LabelledTriplet((int) indices[3 * row], (int) indices[3 * row + 1], (int) indices[3 * row + 2],
                    (float) similarities[3 * row], (float) similarities[3 * row + 1], (float) similarities[3 * row + 2]);
        }
    }

    /** Labels from our own triplets; {@code fileOf} maps an image index to its file name. */
    public static Labels fromTriplets(List<LabelledTriplet> triplets, List<String> fileOf) {
        int n = triplets.size();
        String[] names = new String[3 * n];
        long[] idx = new long[3 * n];
        double[] sim = new double[3 * n];
        for (int r = 0; r < n; r++) {
            LabelledTriplet t = triplets.get(r);
            int[] items = {t.a(), t.b(), t.c()};
            for (int c = 0; c < 3; c++) {
                if (items[c] >= fileOf.size()) {
                    throw new IllegalArgumentException("label " + r + " names image " + items[c] + " but only "
                            + fileOf.size() + " file names were given");
                }
                idx[3 * r + c] = items[c];
                names[3 * r + c] = fileOf.get(items[c]);
            }
            sim[3 * r] = t.s01();
            sim[3 * r + 1] = t.s02();
            sim[3 * r + 2] = t.s12();
        }
        return new Labels(names, idx, sim);
    }

    public static byte[] write(Labels labels, boolean compressed) {
        int[] shape = {labels.size(), 3};
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        arrays.put(FILENAMES, NpyArray.unicode(shape, labels.filenames()));
        arrays.put(SIMILARITIES, NpyArray.float32(shape, labels.similarities()));
        arrays.put(INDICES, NpyArray.int64(shape, labels.indices()));
        return NpzArchive.write(arrays, compressed);
    }

    /**
     * Reads and validates: the three arrays present with shape (n, 3) and the right dtype kinds,
     * indices in {@code [0, images)} ({@code images} &lt; 0: any non-negative index), three different
     * images per row, finite similarities, non-empty file names and one file name per index.
     */
    public static Labels read(byte[] bytes, String source, long images) {
        Map<String, NpyArray> arrays = NpzArchive.read(bytes, source);
        NpyArray names = field(arrays, FILENAMES, NpyArray.Kind.UNICODE, source);
        NpyArray sims = field(arrays, SIMILARITIES, NpyArray.Kind.FLOAT, source);
        NpyArray idx = field(arrays, INDICES, NpyArray.Kind.INT, source);
        int n = names.shape()[0];
        for (NpyArray a : List.of(sims, idx)) {
            if (a.shape()[0] != n) {
                throw new InvalidInputException(source + ": " + FILENAMES + " has " + n + " rows but "
                        + (a == sims ? SIMILARITIES : INDICES) + " has " + a.shape()[0] + "; every field needs one row per triplet");
            }
        }
        long[] index = idx.ints();
        double[] sim = sims.floats();
        String[] files = names.strings();
        Map<Long, Integer> firstRowOf = new HashMap<>();
        for (int r = 0; r < n; r++) {
            if (index[3 * r] == index[3 * r + 1] || index[3 * r] == index[3 * r + 2] || index[3 * r + 1] == index[3 * r + 2]) {
                throw new InvalidInputException(source + " record " + r + ": " + INDICES + " (" + index[3 * r] + ", "
                        + index[3 * r + 1] + ", " + index[3 * r + 2] + ") repeats an image; a triplet needs three different images");
            }
            for (int c = 0; c < 3; c++) {
                long i = index[3 * r + c];
                if (i < 0 || i > Integer.MAX_VALUE || (images >= 0 && i >= images)) {
                    throw new InvalidInputException(source + " record " + r + ": " + INDICES + "[" + r + "][" + c + "] = " + i
                            + " is out of range" + (images >= 0 ? " 0.." + (images - 1) : " (must be >= 0)"));
                }
                if (!Double.isFinite(sim[3 * r + c])) {
                    throw new InvalidInputException(source + " record " + r + ": " + SIMILARITIES + "[" + r + "][" + c
                            + "] = " + sim[3 * r + c] + " is not finite");
                }
                String file = files[3 * r + c];
                if (file.isEmpty()) {
                    throw new InvalidInputException(source + " record " + r + ": " + FILENAMES + "[" + r + "][" + c
                            + "] is empty");
                }
                Integer first = firstRowOf.putIfAbsent(i, r);
                if (first != null && !files[3 * first + position(index, first, i)].equals(file)) {
                    throw new InvalidInputException(source + " record " + r + ": index " + i + " is '" + file
                            + "' here but '" + files[3 * first + position(index, first, i)] + "' in record " + first
                            + "; one index must always name the same file");
                }
            }
        }
        return new Labels(files, index, sim);
    }

    private static int position(long[] index, int row, long value) {
        for (int c = 0; c < 3; c++) {
            if (index[3 * row + c] == value) {
                return c;
            }
        }
        throw new IllegalStateException("index " + value + " not in row " + row);
    }

    private static NpyArray field(Map<String, NpyArray> arrays, String name, NpyArray.Kind kind, String source) {
        NpyArray a = arrays.get(name);
        if (a == null) {
            throw new InvalidInputException(source + ": field '" + name + "' is missing; an AligNet label file has "
                    + FILENAMES + ", " + SIMILARITIES + " and " + INDICES + " (found " + arrays.keySet() + ")");
        }
        int[] shape = a.shape();
        if (shape.length != 2 || shape[1] != 3) {
            throw new InvalidInputException(source + ": field '" + name + "' has shape " + java.util.Arrays.toString(shape)
                    + "; it must be (n, 3)");
        }
        if (a.kind() != kind) {
            throw new InvalidInputException(source + ": field '" + name + "' has dtype " + a.descr() + "; it must be "
                    + switch (kind) {
                        case UNICODE -> "a unicode string dtype (<U)";
                        case FLOAT -> "float32 or float64";
                        case INT -> "int32 or int64";
                    });
        }
        return a;
    }
}
