package ai.alignet.ml.distill;

import ai.alignet.ml.engine.InferenceMode;
import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.model.NormalisedBatch;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Fine-tunes a student so that its triplet distribution matches the teacher's (DESIGN.md §3, "Student
 * loss"), with a decay-to-init Adam and a warm-up + cosine schedule. The batch of step s is a pure
 * function of (seed, s), so a run resumed from a checkpoint at step s sees exactly the batches an
 * uninterrupted run would, and ends with bit-identical parameters.
 */
public final class Distiller {

    public DistillResult run(DistillInputs inputs, DistillConfig cfg, DistillCheckpoint resumeFrom, CheckpointSink sink,
            StepListener listener) {
        InferenceMode.enterOnThisThread();
        Block block = inputs.studentBlock();
        List<Pair<String, Parameter>> parameters = parametersOf(block);
        if (parameters.isEmpty() || !parameters.get(0).getValue().isInitialized()) {
            throw new IllegalArgumentException("student block for '" + inputs.descriptor().name()
                    + "' has no initialised parameters; create it with ModelFiles.newModel or load it first");
        }
        NDManager modelManager = parameters.get(0).getValue().getArray().getManager();
        int start = 0;
        List<Double> history = new ArrayList<>();
        if (resumeFrom != null) {
            checkResumable(resumeFrom, cfg);
            restoreParameters(block, modelManager, resumeFrom.modelParams());
            parameters = parametersOf(block);
            start = resumeFrom.step();
            history.addAll(resumeFrom.lossHistory());
        }
        for (Pair<String, Parameter> p : parameters) {
            p.getValue().getArray().setRequiresGradient(true);
        }
        LearningRateSchedule schedule = new LearningRateSchedule(cfg.peakLearningRate(), cfg.warmupFraction(), cfg.steps());
        try (DecayToInitAdam optimizer = new DecayToInitAdam(parameters, cfg.decayToInit())) {
            if (resumeFrom != null) {
                optimizer.restoreState(resumeFrom.optimizerState());
            }
            for (int step = start; step < cfg.steps(); step++) {
                int[] batch = batchFor(cfg.seed(), step, inputs.labels().size(), cfg.batchSize());
                double loss = trainStep(inputs, cfg, block, modelManager, optimizer, schedule.at(step), step, batch);
                history.add(loss);
                if (listener != null) {
                    listener.onStep(step, loss);
                }
                int done = step + 1;
                boolean stop = listener != null && listener.stopRequested() && done < cfg.steps();
                if (sink != null && (stop || done % cfg.checkpointEvery() == 0 || done == cfg.steps())) {
                    sink.save(new DistillCheckpoint(done, saveParameters(block), optimizer.saveState(), cfg.seed(), history));
                }
                if (stop) {
                    throw new DistillStoppedException(done);
                }
            }
        }
        double last = history.isEmpty() ? Double.NaN : history.get(history.size() - 1);
        return new DistillResult(cfg.steps(), history, last);
    }

    private static double trainStep(DistillInputs inputs, DistillConfig cfg, Block block, NDManager modelManager,
            DecayToInitAdam optimizer, double learningRate, int step, int[] batch) {
        try (NDManager scratch = modelManager.newSubManager()) {
            int[] imageIndices = new int[batch.length * 3];
            float[] similarities = new float[batch.length * 3];
            for (int t = 0; t < batch.length; t++) {
                LabelledTriplet label = inputs.labels().get(batch[t]);
                imageIndices[3 * t] = label.a();
                imageIndices[3 * t + 1] = label.b();
                imageIndices[3 * t + 2] = label.c();
                similarities[3 * t] = label.s01();
                similarities[3 * t + 1] = label.s02();
                similarities[3 * t + 2] = label.s12();
            }
            NDArray x = NormalisedBatch.of(scratch, inputs.descriptor(), inputs.images(), imageIndices);
            NDArray target = TripletLosses.teacherTarget(scratch.create(similarities, new Shape(batch.length, 3)));
            optimizer.zeroGradients();
            double loss;
            try (GradientCollector collector = modelManager.getEngine().newGradientCollector()) {
                NDArray heads = block.forward(new ParameterStore(scratch, false), new NDList(x), true).singletonOrThrow();
                if (heads.getShape().dimension() != 2 || heads.getShape().get(1) != cfg.headDim()) {
                    throw new IllegalArgumentException("student '" + inputs.descriptor().name() + "' outputs shape "
                            + heads.getShape() + " but the config's headDim is " + cfg.headDim()
                            + "; build the student with StudentModels.withHead(backbone, " + cfg.headDim() + ", seed)");
                }
                NDArray q = TripletLosses.studentDistribution(heads.reshape(batch.length, 3, -1), cfg.tau());
                NDArray lossArray = "kl".equals(cfg.loss()) ? TripletLosses.kl(target, q) : TripletLosses.jsd(target, q);
                loss = lossArray.getFloat();
                if (!Double.isFinite(loss)) {
                    throw new TrainingDivergedException(step, describe(batch), loss);
                }
                collector.backward(lossArray);
            }
            optimizer.step(learningRate);
            return loss;
        }
    }

    /** The label indices of step {@code step}'s batch, drawn with replacement from a per-step seed. */
    static int[] batchFor(long seed, int step, int labelCount, int batchSize) {
        Random random = new Random(seed * 0x9E3779B97F4A7C15L + step);
        int[] batch = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            batch[i] = random.nextInt(labelCount);
        }
        return batch;
    }

    private static String describe(int[] batch) {
        int shown = Math.min(batch.length, 8);
        return "labels " + Arrays.toString(Arrays.copyOf(batch, shown)) + (batch.length > shown ? "…" : "")
                + " (" + batch.length + " triplets)";
    }

    private static void checkResumable(DistillCheckpoint cp, DistillConfig cfg) {
        if (cp.step() > cfg.steps()) {
            throw new IllegalArgumentException("checkpoint is at step " + cp.step() + " but the run has only " + cfg.steps()
                    + " steps; resume with the config the checkpoint was made with");
        }
        if (cp.rngState() != cfg.seed()) {
            throw new IllegalArgumentException("checkpoint was made with data-order seed " + cp.rngState()
                    + " but the config says " + cfg.seed() + "; resume with the config the checkpoint was made with");
        }
    }

    private static List<Pair<String, Parameter>> parametersOf(Block block) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            out.add(p);
        }
        return out;
    }

    static byte[] saveParameters(Block block) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException("could not serialise student parameters", e);
        }
        return bytes.toByteArray();
    }

    /** Loads saved parameters into the block and frees the arrays they replace. */
    static void restoreParameters(Block block, NDManager manager, byte[] saved) {
        List<NDArray> replaced = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            replaced.add(p.getValue().getArray());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("checkpoint parameters do not fit the student block (" + e.getMessage()
                    + "); resume with the same student architecture", e);
        }
        for (NDArray old : replaced) {
            old.close();
        }
    }
}
