package ai.alignet.formats;

import ai.alignet.ml.data.LabelledTriplet;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Our label shard format: magic "ALLAB1", int32 count, then per triplet int32 a, b, c (odd one out
 * last) and float32 s01, s02, s12, little-endian. 24 bytes a triplet, so 10M labels are 240 MB.
 */
public final class LabelShardFile {

    private static final byte[] MAGIC = {'A', 'L', 'L', 'A', 'B', '1'};
    private static final int RECORD = 24;

    private LabelShardFile() {}

    public static byte[] encode(List<LabelledTriplet> labels) {
        Writer writer = new Writer(labels.size());
        writer.addAll(labels);
        return writer.toBytes();
    }

    /**
     * Encodes a shard of a known size from labels that arrive in parts, so that the caller needs to
     * hold only the part it is adding and the shard's bytes (24 per label), not all the labels.
     */
    public static final class Writer {
        private final ByteBuffer buffer;
        private final int count;
        private int written;

        public Writer(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("label count must be >= 0, got " + count);
            }
            this.count = count;
            this.buffer = ByteBuffer.allocate(Math.toIntExact(MAGIC.length + 4 + (long) count * RECORD))
                    .order(ByteOrder.LITTLE_ENDIAN);
            buffer.put(MAGIC).putInt(count);
        }

        public void addAll(List<LabelledTriplet> labels) {
            if (labels.size() > count - written) {
                throw new IllegalStateException("shard was sized for " + count + " labels; " + written
                        + " are written and " + labels.size() + " more do not fit");
            }
            for (LabelledTriplet t : labels) {
                buffer.putInt(t.a()).putInt(t.b()).putInt(t.c()).putFloat(t.s01()).putFloat(t.s02()).putFloat(t.s12());
            }
            written += labels.size();
        }

        /** The shard; all {@code count} labels must have been added. */
        public byte[] toBytes() {
            if (written != count) {
                throw new IllegalStateException("shard was sized for " + count + " labels but only " + written
                        + " were added");
            }
            return buffer.array();
        }
    }

    public static List<LabelledTriplet> decode(byte[] bytes, String source, int items) {
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        byte[] magic = new byte[MAGIC.length];
        if (bytes.length < MAGIC.length + 4) {
            throw new InvalidInputException(source + ": too short for a label shard");
        }
        b.get(magic);
        if (!java.util.Arrays.equals(magic, MAGIC)) {
            throw new InvalidInputException(source + ": not a label shard (bad magic)");
        }
        int n = b.getInt();
        if (n < 0 || bytes.length != MAGIC.length + 4 + (long) n * RECORD) {
            throw new InvalidInputException(source + ": header says " + n + " triplets but the size is " + bytes.length
                    + " bytes; the shard is truncated or corrupt");
        }
        List<LabelledTriplet> out = new ArrayList<>(n);
        for (int r = 0; r < n; r++) {
            int a = b.getInt();
            int c1 = b.getInt();
            int c2 = b.getInt();
            float s01 = b.getFloat();
            float s02 = b.getFloat();
            float s12 = b.getFloat();
            for (int idx : new int[] {a, c1, c2}) {
                if (idx < 0 || idx >= items) {
                    throw new InvalidInputException(source + " record " + r + ": image index " + idx
                            + " is out of range 0.." + (items - 1));
                }
            }
            if (!Float.isFinite(s01) || !Float.isFinite(s02) || !Float.isFinite(s12)) {
                throw new InvalidInputException(source + " record " + r + ": similarities must be finite");
            }
            out.add(new LabelledTriplet(a, c1, c2, s01, s02, s12));
        }
        return out;
    }
}
