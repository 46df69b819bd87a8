package ai.alignet.formats;

import ai.alignet.ml.distill.DistillCheckpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Distillation checkpoints on disk: magic "ALCKP1", step, RNG state, loss history, model parameters
 * and optimiser state (moments, step count, initial weights) — everything a bit-identical resume needs.
 */
public final class CheckpointFile {

    private static final String MAGIC = "ALCKP1";

    private CheckpointFile() {}

    public static byte[] encode(DistillCheckpoint cp) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeUTF(MAGIC);
            out.writeInt(cp.step());
            out.writeLong(cp.rngState());
            out.writeInt(cp.lossHistory().size());
            for (double loss : cp.lossHistory()) {
                out.writeDouble(loss);
            }
            byte[] params = cp.modelParams();
            out.writeInt(params.length);
            out.write(params);
            byte[] optimizer = cp.optimizerState();
            out.writeInt(optimizer.length);
            out.write(optimizer);
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode checkpoint", e);
        }
        return bytes.toByteArray();
    }

    public static DistillCheckpoint decode(byte[] data, String source) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(data))) {
            if (!MAGIC.equals(in.readUTF())) {
                throw new InvalidInputException(source + ": not a distillation checkpoint (bad magic)");
            }
            int step = in.readInt();
            long rng = in.readLong();
            int n = in.readInt();
            List<Double> history = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                history.add(in.readDouble());
            }
            byte[] params = in.readNBytes(in.readInt());
            byte[] optimizer = in.readNBytes(in.readInt());
            return new DistillCheckpoint(step, params, optimizer, rng, history);
        } catch (IOException | NegativeArraySizeException e) {
            throw new InvalidInputException(source + ": truncated or corrupt checkpoint: " + e.getMessage());
        }
    }
}
