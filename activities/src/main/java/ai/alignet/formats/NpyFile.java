package ai.alignet.formats;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * numpy's {@code .npy} format (format versions 1.0, 2.0 and 3.0): the magic {@code \x93NUMPY}, a
 * version, a header length, a Python dict literal {@code {'descr': '<f4', 'fortran_order': False,
 * 'shape': (3, 3), }} padded so data starts on a 64-byte boundary, then the raw values. We read and
 * write little-endian {@code f4 f8 i4 i8} and {@code <U} strings in C order, which covers the
 * datasets we consume; anything else is rejected with the dtype named, not guessed at.
 */
public final class NpyFile {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Charset UTF32LE = Charset.forName("UTF-32LE");
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFile() {}

    /** Encodes as format 1.0 (2.0 when the header would not fit in 65535 bytes), like numpy's {@code np.save}. */
    public static byte[] write(NpyArray a) {
        StringBuilder shape = new StringBuilder("(");
        int[] dims = a.shape();
        for (int i = 0; i < dims.length; i++) {
            shape.append(dims[i]).append(dims.length == 1 ? "," : i + 1 < dims.length ? ", " : "");
        }
        shape.append(')');
        String dict = "{'descr': '" + a.descr() + "', 'fortran_order': False, 'shape': " + shape + ", }";
        boolean v2 = dict.length() + 1 + 10 > 65535;
        int prefix = MAGIC.length + 2 + (v2 ? 4 : 2);
        int padded = ((prefix + dict.length() + 1 + 63) / 64) * 64;
        StringBuilder header = new StringBuilder(dict);
        while (prefix + header.length() + 1 < padded) {
            header.append(' ');
        }
        header.append('\n');
        byte[] headerBytes = header.toString().getBytes(StandardCharsets.US_ASCII);

        long count = a.size();
        long dataBytes = count * (a.kind() == NpyArray.Kind.UNICODE ? 4L * a.itemSize() : a.itemSize());
        if (padded + dataBytes > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException("array " + a + " is too large for one in-memory .npy ("
                    + dataBytes + " bytes); write it in shards");
        }
        ByteBuffer b = ByteBuffer.allocate((int) (padded + dataBytes)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(headerBytes.length);
        } else {
            b.putShort((short) headerBytes.length);
        }
        b.put(headerBytes);
        switch (a.kind()) {
            case FLOAT -> {
                for (double v : a.floats()) {
                    if (a.itemSize() == 4) {
                        b.putFloat((float) v);
                    } else {
                        b.putDouble(v);
                    }
                }
            }
            case INT -> {
                for (long v : a.ints()) {
                    if (a.itemSize() == 4) {
                        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                            throw new IllegalArgumentException("value " + v + " does not fit in int32; use int64");
                        }
                        b.putInt((int) v);
                    } else {
                        b.putLong(v);
                    }
                }
            }
            case UNICODE -> {
                for (String s : a.strings()) {
                    int[] cps = s.codePoints().toArray();
                    if (cps.length > a.itemSize()) {
                        throw new IllegalArgumentException("string '" + s + "' is longer than the dtype width " + a.itemSize());
                    }
                    for (int i = 0; i < a.itemSize(); i++) {
                        b.putInt(i < cps.length ? cps[i] : 0);
                    }
                }
            }
        }
        return b.array();
    }

    /** Decodes {@code bytes}; {@code source} (file and member name) leads every error message. */
    public static NpyArray read(byte[] bytes, String source) {
        if (bytes.length < MAGIC.length + 4 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
            throw new InvalidInputException(source + ": not a .npy array (missing the \\x93NUMPY magic); "
                    + "write it with numpy.save");
        }
        int major = bytes[6] & 0xff;
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength;
        int start;
        if (major == 1) {
            headerLength = b.getShort(8) & 0xffff;
            start = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new InvalidInputException(source + ": .npy file is truncated inside its header");
            }
            headerLength = b.getInt(8) & 0xffffffffL;
            start = 12;
        } else {
            throw new InvalidInputException(source + ": .npy format version " + major + " is not supported (1, 2 or 3)");
        }
        if (start + headerLength > bytes.length) {
            throw new InvalidInputException(source + ": .npy file is truncated inside its header (" + bytes.length
                    + " bytes, header needs " + (start + headerLength) + ")");
        }
        String header = new String(bytes, start, (int) headerLength,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, header, source, "descr");
        String fortran = group(FORTRAN, header, source, "fortran_order");
        String shapeText = group(SHAPE, header, source, "shape");
        if (fortran.equals("True")) {
            throw new InvalidInputException(source + ": array is in Fortran order; save it C-ordered "
                    + "(numpy.ascontiguousarray) before export");
        }
        int[] shape = parseShape(shapeText, source);
        NpyArray.Kind kind;
        int itemSize;
        if (descr.length() >= 2 && descr.charAt(1) == 'O') {
            throw new InvalidInputException(source + ": dtype '" + descr + "' is a pickled object array, which we "
                    + "never unpickle; save strings as a fixed-width dtype (arr.astype(str))");
        }
        try {
            char order = descr.charAt(0);
            char type = descr.charAt(1);
            itemSize = Integer.parseInt(descr.substring(2));
            boolean singleByte = order == '|' && (itemSize == 1 || type == 'S');
            if (order == '>' || (order != '<' && order != '=' && !singleByte)) {
                throw new InvalidInputException(source + ": dtype '" + descr + "' is big-endian or unknown byte order; "
                        + "convert with arr.astype(arr.dtype.newbyteorder('<'))");
            }
            if (type == 'S') {
                return readBytesStrings(bytes, start + (int) headerLength, descr, itemSize, parseShape(shapeText, source), source);
            }
            kind = switch (type) {
                case 'f' -> NpyArray.Kind.FLOAT;
                case 'i' -> NpyArray.Kind.INT;
                case 'U' -> NpyArray.Kind.UNICODE;
                default -> null;
            };
            if (kind == null || (kind != NpyArray.Kind.UNICODE && itemSize != 4 && itemSize != 8)) {
                throw new InvalidInputException(source + ": dtype '" + descr + "' is not supported; use float32, "
                        + "float64, int32, int64 or a unicode string dtype (<U)");
            }
        } catch (StringIndexOutOfBoundsException | NumberFormatException e) {
            throw new InvalidInputException(source + ": dtype '" + descr + "' is not supported; use float32, float64, "
                    + "int32, int64 or a unicode string dtype (<U)");
        }
        long count = NpyArray.count(shape);
        long width = kind == NpyArray.Kind.UNICODE ? 4L * itemSize : itemSize;
        long need = count * width;
        long have = bytes.length - start - headerLength;
        if (have != need) {
            throw new InvalidInputException(source + ": shape " + Arrays.toString(shape) + " of " + descr + " needs "
                    + need + " data bytes but the file has " + have + (have < need ? "; the file is truncated" : ""));
        }
        b.position((int) (start + headerLength));
        int n = (int) count;
        return switch (kind) {
            case FLOAT -> {
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    v[i] = itemSize == 4 ? b.getFloat() : b.getDouble();
                }
                yield new NpyArray(kind, itemSize, shape, v, null, null);
            }
            case INT -> {
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = itemSize == 4 ? b.getInt() : b.getLong();
                }
                yield new NpyArray(kind, itemSize, shape, null, v, null);
            }
            case UNICODE -> {
                String[] v = new String[n];
                int offset = b.position();
                for (int i = 0; i < n; i++) {
                    int len = itemSize;
                    int at = offset + i * 4 * itemSize;
                    while (len > 0 && b.getInt(at + 4 * (len - 1)) == 0) {
                        len--;
                    }
                    v[i] = new String(bytes, at, 4 * len, UTF32LE);
                }
                yield new NpyArray(kind, itemSize, shape, null, null, v);
            }
        };
    }

    /** numpy's {@code |S<n>} (byte strings, NUL-padded) read as UTF-8 text, e.g. file names saved as bytes. */
    private static NpyArray readBytesStrings(byte[] bytes, int offset, String descr, int width, int[] shape, String source) {
        long count = NpyArray.count(shape);
        long have = bytes.length - offset;
        if (have != count * width) {
            throw new InvalidInputException(source + ": shape " + Arrays.toString(shape) + " of " + descr + " needs "
                    + count * width + " data bytes but the file has " + have + (have < count * width ? "; the file is truncated" : ""));
        }
        String[] v = new String[(int) count];
        int longest = 1;
        for (int i = 0; i < v.length; i++) {
            int at = offset + i * width;
            int len = width;
            while (len > 0 && bytes[at + len - 1] == 0) {
                len--;
            }
            v[i] = new String(bytes, at, len, StandardCharsets.UTF_8);
            longest = Math.max(longest, v[i].codePointCount(0, v[i].length()));
        }
        return new NpyArray(NpyArray.Kind.UNICODE, Math.max(longest, 1), shape, null, null, v);
    }

    private static String group(Pattern p, String header, String source, String key) {
        Matcher m = p.matcher(header);
        if (!m.find()) {
            throw new InvalidInputException(source + ": .npy header has no readable '" + key + "' entry: "
                    + header.trim());
        }
        return m.group(1);
    }

    private static int[] parseShape(String text, String source) {
        String[] parts = text.split(",");
        int[] dims = new int[parts.length];
        int n = 0;
        for (String part : parts) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                long d = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (d < 0 || d > Integer.MAX_VALUE) {
                    throw new NumberFormatException();
                }
                dims[n++] = (int) d;
            } catch (NumberFormatException e) {
                throw new InvalidInputException(source + ": .npy shape '(" + text + ")' is not a tuple of sizes");
            }
        }
        return Arrays.copyOf(dims, n);
    }
}
