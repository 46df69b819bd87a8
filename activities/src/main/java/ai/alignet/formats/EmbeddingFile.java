package ai.alignet.formats;

import ai.alignet.ml.data.EmbeddingMatrix;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Binary embedding shards: magic "ALEMB1", int32 rows, int32 dim, then float32 little-endian rows. */
public final class EmbeddingFile {

    private static final byte[] MAGIC = {'A', 'L', 'E', 'M', 'B', '1'};
    private static final int HEADER = MAGIC.length + 8;
    /** Floats per read or write through a file: 4 MiB of buffer, whatever the matrix size. */
    private static final int FILE_CHUNK_FLOATS = 1 << 20;

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

    /**
     * Writes the bytes of {@link #encode} to {@code file} a chunk at a time: a file can exceed the 2 GiB a
     * {@code byte[]} holds (1.28M × 1152 floats are 5.9 GB), and no second copy of the matrix is made.
     */
    public static void write(EmbeddingMatrix m, Path file) {
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            header.put(MAGIC).putInt(m.rows()).putInt(m.dim()).flip();
            writeFully(out, header);
            ByteBuffer chunk = ByteBuffer.allocate(FILE_CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = m.values();
            for (int start = 0; start < values.length; start += FILE_CHUNK_FLOATS) {
                int n = Math.min(FILE_CHUNK_FLOATS, values.length - start);
                chunk.clear();
                chunk.asFloatBuffer().put(values, start, n);
                chunk.limit(n * 4);
                writeFully(out, chunk);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the embedding file " + file, e);
        }
    }

    /**
     * Reads a file in the {@link #encode} format straight into the matrix's {@code float[]}, a chunk at a
     * time (no {@code byte[]} of the whole file, so files above 2 GiB are readable).
     */
    public static EmbeddingMatrix read(Path file, String source) {
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = in.size();
            if (size < HEADER) {
                throw new InvalidInputException(source + ": " + size + " bytes is too short for an embedding file");
            }
            ByteBuffer header = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
            readFully(in, header, source);
            byte[] magic = new byte[MAGIC.length];
            header.flip().get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw new InvalidInputException(source + ": not an embedding file (bad magic)");
            }
            int rows = header.getInt();
            int dim = header.getInt();
            long expected = HEADER + 4L * rows * dim;
            if (rows < 0 || dim <= 0 || expected != size) {
                throw new InvalidInputException(source + ": header says " + rows + "x" + dim + " (" + expected
                        + " bytes) but the file has " + size + " bytes; it is truncated or corrupt");
            }
            if ((long) rows * dim > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(source + ": " + rows + "x" + dim + " floats exceed one Java array ("
                        + (Integer.MAX_VALUE - 8) + "); split the corpus into shards");
            }
            float[] values = new float[rows * dim];
            ByteBuffer chunk = ByteBuffer.allocate(FILE_CHUNK_FLOATS * 4).order(ByteOrder.LITTLE_ENDIAN);
            for (int start = 0; start < values.length; start += FILE_CHUNK_FLOATS) {
                int n = Math.min(FILE_CHUNK_FLOATS, values.length - start);
                chunk.clear().limit(n * 4);
                readFully(in, chunk, source);
                chunk.flip();
                chunk.asFloatBuffer().get(values, start, n);
            }
            return new EmbeddingMatrix(rows, dim, values);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the embedding file " + file + " (" + source + ")", e);
        }
    }

    private static void writeFully(FileChannel out, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    private static void readFully(FileChannel in, ByteBuffer into, String source) throws IOException {
        while (into.hasRemaining()) {
            if (in.read(into) < 0) {
                throw new InvalidInputException(source + ": the file ended early; it is truncated");
            }
        }
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
