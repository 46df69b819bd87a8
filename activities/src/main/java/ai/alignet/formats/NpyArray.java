package ai.alignet.formats;

import java.util.Arrays;

/**
 * One numpy array as {@code .npy} holds it, C order: a dtype of one kind (float, signed int or
 * unicode string) and its values flattened row-major. Exactly one of {@code floats}, {@code ints},
 * {@code strings} is non-null, matching {@code kind}.
 *
 * @param itemSize bytes per value for numbers (4 or 8), characters per value for strings
 */
public record NpyArray(Kind kind, int itemSize, int[] shape, double[] floats, long[] ints, String[] strings) {

    /** The dtype families we read and write; numpy's little-endian {@code <f}, {@code <i}, {@code <U}. */
    public enum Kind { FLOAT, INT, UNICODE }

    public NpyArray {
        shape = shape.clone();
        long n = count(shape);
        int present = (floats != null ? 1 : 0) + (ints != null ? 1 : 0) + (strings != null ? 1 : 0);
        long length = floats != null ? floats.length : ints != null ? ints.length : strings != null ? strings.length : -1;
        boolean matches = switch (kind) {
            case FLOAT -> floats != null && (itemSize == 4 || itemSize == 8);
            case INT -> ints != null && (itemSize == 4 || itemSize == 8);
            case UNICODE -> strings != null && itemSize >= 1;
        };
        if (present != 1 || !matches || length != n) {
            throw new IllegalArgumentException("inconsistent array: kind " + kind + ", item size " + itemSize
                    + ", shape " + Arrays.toString(shape) + ", " + length + " values");
        }
    }

    public static NpyArray float32(int[] shape, double[] values) {
        return new NpyArray(Kind.FLOAT, 4, shape, values.clone(), null, null);
    }

    public static NpyArray float64(int[] shape, double[] values) {
        return new NpyArray(Kind.FLOAT, 8, shape, values.clone(), null, null);
    }

    public static NpyArray int64(int[] shape, long[] values) {
        return new NpyArray(Kind.INT, 8, shape, null, values.clone(), null);
    }

    public static NpyArray int32(int[] shape, long[] values) {
        return new NpyArray(Kind.INT, 4, shape, null, values.clone(), null);
    }

    /** Unicode strings, width = the longest string (at least 1), as numpy picks for {@code np.array(list)}. */
    public static NpyArray unicode(int[] shape, String[] values) {
        int width = 1;
        for (String s : values) {
            width = Math.max(width, s.codePointCount(0, s.length()));
        }
        return new NpyArray(Kind.UNICODE, width, shape, null, null, values.clone());
    }

    /** numpy's dtype string, e.g. {@code <f4}, {@code <i8}, {@code <U12}. */
    public String descr() {
        return switch (kind) {
            case FLOAT -> "<f" + itemSize;
            case INT -> "<i" + itemSize;
            case UNICODE -> "<U" + itemSize;
        };
    }

    public long size() {
        return count(shape);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            n *= d;
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && a.kind == kind && a.itemSize == itemSize && Arrays.equals(a.shape, shape)
                && Arrays.equals(a.floats, floats) && Arrays.equals(a.ints, ints) && Arrays.equals(a.strings, strings);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr() + " " + Arrays.toString(shape) + "]";
    }
}
