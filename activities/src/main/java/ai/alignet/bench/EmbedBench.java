package ai.alignet.bench;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.ml.model.BackboneDescriptor;
import ai.alignet.ml.model.ChwImage;
import ai.alignet.ml.model.Embedder;
import ai.alignet.ml.model.NormalisedBatch;
import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Embedding throughput of a TorchScript model through our {@link Embedder} (normalisation, batching,
 * forward, copy-out) on random inputs. The .pt file is loaded with DJL directly, so the benchmark
 * depends on nothing but the file and the engine.
 */
public final class EmbedBench {

    /** ImageNet statistics: what a torchvision or timm ViT expects. */
    private static final float[] MEAN = {0.485f, 0.456f, 0.406f};
    private static final float[] STD = {0.229f, 0.224f, 0.225f};

    public record Result(String model, int imageSize, int batch, int images, int threads, int embeddingDim,
            double imagesPerSecond, Spread imagesPerSecondSpread, double forwardOnlyImagesPerSecond,
            double overheadFraction) {}

    private EmbedBench() {}

    /** One warm-up batch, then {@code repeats} timed passes over {@code images} images. */
    public static Result run(Path modelFile, int imageSize, int batch, int images, int threads, int repeats) {
        if (!Files.isRegularFile(modelFile)) {
            throw new IllegalArgumentException("model file " + modelFile + " does not exist; export one with "
                    + "tools/bench/make_vit.py or pass the path of a TorchScript .pt");
        }
        if (batch < 1 || images < 1 || repeats < 1) {
            throw new IllegalArgumentException("batch, images and repeats must be >= 1");
        }
        BackboneDescriptor descriptor = new BackboneDescriptor("bench", "torchscript", "torchscript", imageSize, MEAN, STD,
                1, 0);
        List<ChwImage> inputs = SyntheticImages.chw(images, imageSize, 7);
        try (IntraOpThreads ignored = IntraOpThreads.use(threads);
                Model model = Model.newInstance("bench", Device.cpu(), "PyTorch")) {
            model.load(modelFile);
            try (Embedder embedder = new Embedder(model, descriptor)) {
                // Warm-up: libtorch's profiling executor optimises the graph over its first calls.
                EmbeddingMatrix warm = embedder.embed(inputs.subList(0, Math.min(2 * batch, images)), batch);
                List<Double> seconds = new ArrayList<>();
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    embedder.embed(inputs, batch);
                    seconds.add(Spread.seconds(start));
                }
                Spread rate = Spread.ratesOf(images, seconds);
                double forwardOnly = forwardOnlyImagesPerSecond(model, inputs, descriptor, batch, repeats);
                return new Result(modelFile.getFileName().toString(), imageSize, batch, images, threads, warm.dim(),
                        rate.median(), rate, forwardOnly, 1 - rate.median() / forwardOnly);
            }
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("could not load TorchScript model " + modelFile + ": " + e.getMessage()
                    + "; check it was saved with torch.jit.save", e);
        }
    }

    /**
     * The engine alone: the same forward passes on batches built beforehand, nothing else. The gap to
     * the Embedder's rate is what our code adds (normalisation, array creation, copy-out).
     */
    private static double forwardOnlyImagesPerSecond(Model model, List<ChwImage> inputs, BackboneDescriptor d, int batch,
            int repeats) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            List<NDArray> batches = new ArrayList<>();
            for (int from = 0; from < inputs.size(); from += batch) {
                int[] indices = IntStream.range(from, Math.min(inputs.size(), from + batch)).toArray();
                batches.add(NormalisedBatch.of(manager, d, inputs, indices));
            }
            List<Double> seconds = new ArrayList<>();
            for (int r = 0; r < repeats; r++) {
                long start = System.nanoTime();
                for (NDArray x : batches) {
                    try (NDManager step = manager.newSubManager()) {
                        model.getBlock().forward(new ParameterStore(step, false), new NDList(x), false).close();
                    }
                }
                seconds.add(Spread.seconds(start));
            }
            return Spread.ratesOf(inputs.size(), seconds).median();
        }
    }
}
