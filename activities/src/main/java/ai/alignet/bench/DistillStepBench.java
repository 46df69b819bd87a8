package ai.alignet.bench;

import ai.alignet.ml.data.LabelledTriplet;
import ai.alignet.ml.distill.DecayToInitAdam;
import ai.alignet.ml.distill.DistillConfig;
import ai.alignet.ml.distill.DistillInputs;
import ai.alignet.ml.distill.Distiller;
import ai.alignet.ml.distill.StudentModels;
import ai.alignet.ml.distill.TripletLosses;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.ModelFiles;
import ai.alignet.ml.model.SyntheticBackbones;
import ai.djl.Model;
import ai.djl.nn.Block;
import ai.djl.pytorch.jni.JniUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Time of one distillation step — gather the batch, forward the student on 3 × batch images, JSD loss,
 * backward, decay-to-init Adam — through the real {@link Distiller}, timed between its step callbacks.
 * The student is the project's synthetic student CNN with the 1024-wide triplet head;
 * tools/bench/distill_step_ref.py builds the same network in PyTorch.
 *
 * <p>With a trace file, {@value #TRACED_STEPS} more steps after the timed ones run under libtorch's
 * profiler (a Chrome trace, as {@code torch.profiler} writes for the reference), so
 * tools/bench/op_profile.py can put the two side by side op by op; the timed steps are not profiled.
 */
public final class DistillStepBench {

    public record Result(int imageSize, int batch, int steps, int threads, double secondsPerStep,
            Spread secondsPerStepSpread, double tripletsPerSecond) {}

    private DistillStepBench() {}

    static final int TRACED_STEPS = 5;

    public static Result run(int imageSize, int batch, int steps, int warmupSteps, int threads) {
        return run(imageSize, batch, steps, warmupSteps, threads, null);
    }

    /** As {@link #run(int, int, int, int, int)}, then {@value #TRACED_STEPS} profiled steps into {@code trace} if given. */
    public static Result run(int imageSize, int batch, int steps, int warmupSteps, int threads, Path trace) {
        if (steps < 1 || warmupSteps < 0 || batch < 1) {
            throw new IllegalArgumentException("need steps >= 1, warmupSteps >= 0 and batch >= 1");
        }
        List<Double> seconds = new ArrayList<>();
        // The thread count on this thread for the benchmark, as ours and the reference are compared on it.
        try (IntraOpThreads ignored = IntraOpThreads.use(threads)) {
            BackboneDescriptor d = new BackboneDescriptor("bench-student", SyntheticBackbones.FORMAT,
                    SyntheticBackbones.STUDENT_ARCHITECTURE, imageSize, new float[] {0.7f, 0.7f, 0.7f},
                    new float[] {0.3f, 0.3f, 0.3f}, 64, 3);
            int imageCount = Math.max(64, 3 * batch);
            List<ChwImage> images = SyntheticImages.chw(imageCount, imageSize, 11);
            List<LabelledTriplet> labels = randomLabels(imageCount, 4 * batch, 13);
            Block student = StudentModels.withHead(SyntheticBackbones.create(d), StudentModels.DEFAULT_HEAD_DIM, 5);
            int timedEnd = warmupSteps + steps;
            int total = timedEnd + (trace == null ? 0 : TRACED_STEPS);
            DistillConfig cfg = new DistillConfig(total, batch, 2e-3, 0.05, DecayToInitAdam.DEFAULT_DECAY_TO_INIT,
                    TripletLosses.DEFAULT_TAU, "jsd", StudentModels.DEFAULT_HEAD_DIM, Integer.MAX_VALUE, 1);
            try (Model model = ModelFiles.newModel(d, student)) {
                long[] last = {System.nanoTime()};
                boolean[] profiling = {false};
                DistillInputs inputs = new DistillInputs(d, model.getBlock(), images, labels);
                new Distiller().run(inputs, cfg, null, null, (step, loss) -> {
                    long now = System.nanoTime();
                    if (step >= warmupSteps && step < timedEnd) {
                        seconds.add((now - last[0]) / 1e9);
                    }
                    if (trace != null && step == timedEnd - 1) {
                        JniUtils.startProfile(false, false, false);
                        profiling[0] = true;
                    }
                    last[0] = now;
                });
                if (profiling[0]) {
                    JniUtils.stopProfile(trace.toAbsolutePath().toString());
                }
            }
        }
        Spread spread = Spread.of(seconds);
        return new Result(imageSize, batch, steps, threads, spread.median(), spread, batch / spread.median());
    }

    private static List<LabelledTriplet> randomLabels(int images, int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<LabelledTriplet> labels = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int a = random.nextInt(images);
            int b = (a + 1 + random.nextInt(images - 1)) % images;
            int c = (b + 1 + random.nextInt(images - 1)) % images;
            labels.add(new LabelledTriplet(a, b, c, 3f, 2f, (float) random.nextDouble()));
        }
        return labels;
    }
}
