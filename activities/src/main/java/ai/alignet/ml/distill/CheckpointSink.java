package ai.alignet.ml.distill;

/** Where checkpoints go (an artifact store, a test's list); called every checkpointEvery steps and at the end. */
@FunctionalInterface
public interface CheckpointSink {

    void save(DistillCheckpoint checkpoint);
}
