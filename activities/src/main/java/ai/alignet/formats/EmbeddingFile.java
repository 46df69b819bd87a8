package ai.alignet.formats;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Binary embedding shards: magic "ALEMB1", int32 rows, int32 dim, then float32 little-endian rows. */
public final class EmbeddingFile {

    private static final byte[] MAGIC = {'A', 'L', 'E', 'M', 'B', '1'};
    private static final int HEADER = MAGIC.length + 8;

    private EmbeddingFile() {}

    public static byte[] encode(EmbeddingMatrix m) {
        ByteBuffer b = ByteBuffer.allocate(HEADER + m.values().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).putInt(m.rows()).putInt(m.dim());
        b.asFloatBuffer().put(m.values());
        return b.array();
    }

    public static EmbeddingMatrix decode(byte[] bytes, String source) {
        if (bytes.length < HEADER) {
            throw new InvalidInputException(source + ": " + bytes.length + " bytes is too short for an embedding file");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new InvalidInputException(source + ": not an embedding file (bad magic)");
        }
        int rows = b.getInt();
        int dim = b.getInt();
        long expected = HEADER + 4L * rows * dim;
        if (rows < 0 || dim <= 0 || expected != bytes.length) {
            throw new InvalidInputException(source + ": header says " + rows + "x" + dim + " (" + expected
                    + " bytes) but the file has " + bytes.length + " bytes; it is truncated or corrupt");
        }
        float[] values = new float[rows * dim];
        b.asFloatBuffer().get(values);
        return new EmbeddingMatrix(rows, dim, values);
    }

    /** Stacks shards in order into one matrix. */
    public static EmbeddingMatrix concat(java.util.List<EmbeddingMatrix> parts) {
        EmbeddingMatrix out = parts.get(0);
        for (int i = 1; i < parts.size(); i++) {
            out = out.append(parts.get(i));
        }
        return out;
    }
}
