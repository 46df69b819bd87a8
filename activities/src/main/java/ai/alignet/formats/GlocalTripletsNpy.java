package ai.alignet.formats;

import ai.alignet.ml.data.Triplet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * gLocal / VICE human triplets as {@code .npy}: an (N, 3) integer array of 0-based image indices,
 * column 2 the odd one out, so each row is already a {@link Triplet} (i, j, k).
 */
public final class GlocalTripletsNpy {

    private GlocalTripletsNpy() {}

    public static byte[] write(List<Triplet> triplets) {
        long[] v = new long[3 * triplets.size()];
        for (int r = 0; r < triplets.size(); r++) {
            Triplet t = triplets.get(r);
            v[3 * r] = t.i();
            v[3 * r + 1] = t.j();
            v[3 * r + 2] = t.k();
        }
        return NpyFile.write(NpyArray.int64(new int[] {triplets.size(), 3}, v));
    }

    /** Reads and checks every index against {@code items}; errors name the file and row. */
    public static List<Triplet> read(byte[] bytes, String source, int items) {
        NpyArray a = NpyFile.read(bytes, source);
        int[] shape = a.shape();
        if (shape.length != 2 || shape[1] != 3) {
            throw new InvalidInputException(source + ": triplets have shape " + Arrays.toString(shape)
                    + "; they must be (N, 3)");
        }
        if (a.kind() != NpyArray.Kind.INT) {
            throw new InvalidInputException(source + ": triplets have dtype " + a.descr()
                    + "; they must be integers (int32 or int64)");
        }
        long[] v = a.ints();
        List<Triplet> out = new ArrayList<>(shape[0]);
        for (int r = 0; r < shape[0]; r++) {
            for (int c = 0; c < 3; c++) {
                long i = v[3 * r + c];
                if (i < 0 || i >= items) {
                    throw new InvalidInputException(source + " row " + r + ": index " + i + " is out of range; there are "
                            + items + " images (0.." + (items - 1) + ")");
                }
            }
            if (v[3 * r] == v[3 * r + 1] || v[3 * r] == v[3 * r + 2] || v[3 * r + 1] == v[3 * r + 2]) {
                throw new InvalidInputException(source + " row " + r + ": a triplet needs three different images, got "
                        + Arrays.toString(Arrays.copyOfRange(v, 3 * r, 3 * r + 3)));
            }
            out.add(new Triplet((int) v[3 * r], (int) v[3 * r + 1], (int) v[3 * r + 2]));
        }
        return out;
    }
}
