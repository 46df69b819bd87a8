package ai.alignet.ml.teacher;

import ai.alignet.ml.engine.InferenceMode;
import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.ml.engine.ScalarOps;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.Triplet;
import ai.alignet.ml.eval.Calibration;
import ai.alignet.ml.eval.OddOneOut;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Fits the teacher transform of DESIGN.md §3: an affine map on standardised features trained with
 * (1−α)·L_global + α·L_local + λ·‖W − mean(diag W)·I‖²_F by Adam, early-stopped on the held-out
 * triplet loss, followed by a maximum-likelihood temperature on the held-out choices.
 *
 * <p>Parameters and Adam state live in Java arrays; each step builds its DJL arrays in a sub-manager
 * that closes at the end of the step, so nothing accumulates over a long fit.
 */
public final class TeacherFit {

    private static final float INITIAL_SCALE = 1e-3f;
    private static final double ADAM_BETA1 = 0.9;
    private static final double ADAM_BETA2 = 0.999;
    private static final double ADAM_EPSILON = 1e-8;
    private static final int ECE_BINS = 10;
    /** Relative drop below the initial held-out loss that marks the end of the start-up plateau; small dips
     * of about 1% happen on the plateau itself. If a fit never gets this far it simply runs to maxEpochs. */
    private static final double PLATEAU_MARGIN = 0.05;

    private TeacherFit() {}

    /**
     * Triplet indices index rows of {@code itemEmbeddings}; {@code corpusEmbeddings} give μ, σ and the
     * local-loss batches. Bit-for-bit deterministic given {@code cfg.seed()} (libtorch runs
     * single-threaded during the fit, see {@link IntraOpThreads}).
     */
    public static TeacherFitResult fit(EmbeddingMatrix itemEmbeddings, List<Triplet> train, List<Triplet> heldOut,
            EmbeddingMatrix corpusEmbeddings, TeacherFitConfig cfg) {
        InferenceMode.enterOnThisThread();
        validate(itemEmbeddings, train, heldOut, corpusEmbeddings);
        int dim = itemEmbeddings.dim();
        float[] stats = scalarMeanAndStd(corpusEmbeddings);
        TeacherTransform identity = TeacherTransform.identity(stats[0], stats[1], dim);
        EmbeddingMatrix items = identity.apply(itemEmbeddings);
        EmbeddingMatrix corpus = identity.apply(corpusEmbeddings);

        float[] weight = new float[dim * dim];
        for (int d = 0; d < dim; d++) {
            weight[d * dim + d] = INITIAL_SCALE;
        }
        float[] bias = new float[dim];
        Adam adam = new Adam(weight.length + bias.length, cfg.learningRate());

        SplittableRandom random = new SplittableRandom(cfg.seed());
        int[] tripletOrder = range(train.size());
        int[] corpusOrder = range(corpus.rows());
        int corpusBatch = Math.min(cfg.batchSize(), corpus.rows());
        int corpusCursor = corpus.rows();

        List<Double> lossCurve = new ArrayList<>();
        TeacherTransform best = transform(stats, dim, weight, bias);
        double initialHeldOutLoss = -meanLogLikelihood(best.apply(itemEmbeddings), heldOut, 1.0);
        double bestHeldOutLoss = initialHeldOutLoss;
        // From W = 1e-3·I every similarity is ~0 and the loss sits on a flat plateau at ln 3 for a few
        // epochs while W grows; that is not overfitting, so the patience clock only starts once the
        // held-out loss has dropped clearly below its starting value.
        boolean leftPlateau = false;
        int epochsWithoutImprovement = 0;
        int epochs = 0;
        try (IntraOpThreads threads = IntraOpThreads.use(1);
                NDManager manager = NDManager.newBaseManager()) {
            while (epochs < cfg.maxEpochs() && epochsWithoutImprovement < cfg.patience()) {
                shuffle(tripletOrder, random);
                double lossSum = 0;
                int steps = 0;
                for (int start = 0; start < train.size(); start += cfg.batchSize()) {
                    int end = Math.min(train.size(), start + cfg.batchSize());
                    if (corpusCursor + corpusBatch > corpus.rows()) {
                        shuffle(corpusOrder, random);
                        corpusCursor = 0;
                    }
                    int[] corpusRows = java.util.Arrays.copyOfRange(corpusOrder, corpusCursor, corpusCursor + corpusBatch);
                    corpusCursor += corpusBatch;
                    lossSum += step(manager, items, train, tripletOrder, start, end, corpus.select(corpusRows),
                            weight, bias, adam, cfg);
                    steps++;
                }
                epochs++;
                lossCurve.add(lossSum / steps);
                TeacherTransform current = transform(stats, dim, weight, bias);
                double heldOutLoss = -meanLogLikelihood(current.apply(itemEmbeddings), heldOut, 1.0);
                leftPlateau |= heldOutLoss < (1 - PLATEAU_MARGIN) * initialHeldOutLoss;
                if (heldOutLoss < bestHeldOutLoss) {
                    bestHeldOutLoss = heldOutLoss;
                    best = current;
                    epochsWithoutImprovement = 0;
                } else if (leftPlateau) {
                    epochsWithoutImprovement++;
                }
            }
        }

        double temperature = TemperatureFit.fit(heldOutLogits(best.apply(itemEmbeddings), heldOut));
        TeacherTransform calibrated = best.withTemperature(temperature);
        EmbeddingMatrix after = calibrated.applyCalibrated(itemEmbeddings);
        return new TeacherFitResult(calibrated,
                OddOneOut.accuracy(items, heldOut), OddOneOut.accuracy(after, heldOut),
                meanLogLikelihood(items, heldOut, 1.0), meanLogLikelihood(after, heldOut, 1.0),
                expectedCalibrationError(items, heldOut), expectedCalibrationError(after, heldOut),
                epochs, lossCurve);
    }

    /** One Adam step on one batch; returns the batch's total loss. */
    private static double step(NDManager parent, EmbeddingMatrix items, List<Triplet> train, int[] order, int start,
            int end, EmbeddingMatrix corpusBatch, float[] weight, float[] bias, Adam adam, TeacherFitConfig cfg) {
        int dim = items.dim();
        int count = end - start;
        int[][] rows = new int[3][count];
        for (int n = 0; n < count; n++) {
            int[] t = train.get(order[start + n]).toArray();
            for (int position = 0; position < 3; position++) {
                rows[position][n] = t[position];
            }
        }
        try (NDManager scope = parent.newSubManager()) {
            NDArray w = scope.create(weight, new Shape(dim, dim));
            NDArray b = scope.create(bias, new Shape(dim));
            w.setRequiresGradient(true);
            b.setRequiresGradient(true);
            NDArray xi = matrix(scope, items.select(rows[0]));
            NDArray xj = matrix(scope, items.select(rows[1]));
            NDArray xk = matrix(scope, items.select(rows[2]));
            NDArray xc = matrix(scope, corpusBatch);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray loss = ScalarOps.mul(TeacherLoss.global(affine(xi, w, b), affine(xj, w, b), affine(xk, w, b)),
                        (float) (1 - cfg.alpha()));
                if (cfg.alpha() > 0) {
                    loss = loss.add(ScalarOps.mul(TeacherLoss.local(xc, affine(xc, w, b), cfg.tauLocal()), (float) cfg.alpha()));
                }
                if (cfg.lambda() > 0) {
                    loss = loss.add(ScalarOps.mul(TeacherLoss.regulariser(w), (float) cfg.lambda()));
                }
                collector.backward(loss);
                double value = loss.getFloat();
                if (!Double.isFinite(value)) {
                    throw new IllegalStateException("teacher loss became " + value + " at epoch step starting at triplet "
                            + start + "; lower learningRate or check the embeddings for NaN/Inf values");
                }
                adam.update(weight, bias, w.getGradient().toFloatArray(), b.getGradient().toFloatArray());
                return value;
            }
        }
    }

    private static NDArray affine(NDArray x, NDArray w, NDArray b) {
        return x.matMul(w.transpose()).add(b);
    }

    private static NDArray matrix(NDManager manager, EmbeddingMatrix m) {
        return manager.create(m.values(), new Shape(m.rows(), m.dim()));
    }

    /** Mean log p_ij of the human choices at the given temperature. */
    static double meanLogLikelihood(EmbeddingMatrix z, List<Triplet> triplets, double temperature) {
        double[] observed = new double[triplets.size()];
        for (int n = 0; n < observed.length; n++) {
            Triplet t = triplets.get(n);
            observed[n] = OddOneOut.logProbabilities(z, t.i(), t.j(), t.k(), temperature)[2];
        }
        return Calibration.meanLogLikelihood(observed);
    }

    /** ECE of the model's top pair: confidence = max probability, correct = the top pair is strictly (i, j). */
    static double expectedCalibrationError(EmbeddingMatrix z, List<Triplet> triplets) {
        double[] confidence = new double[triplets.size()];
        boolean[] correct = new boolean[triplets.size()];
        for (int n = 0; n < confidence.length; n++) {
            Triplet t = triplets.get(n);
            double[] p = OddOneOut.probabilities(z, t.i(), t.j(), t.k(), 1.0);
            confidence[n] = Math.min(1.0, Math.max(p[0], Math.max(p[1], p[2])));
            correct[n] = OddOneOut.oddPosition(z, t.i(), t.j(), t.k()) == 2;
        }
        return Calibration.expectedCalibrationError(confidence, correct, ECE_BINS);
    }

    /** Rows [S_ij, S_ik, S_jk] per human triplet, the chosen pair first, as {@link TemperatureFit} expects. */
    static double[][] heldOutLogits(EmbeddingMatrix z, List<Triplet> triplets) {
        double[][] logits = new double[triplets.size()][];
        for (int n = 0; n < logits.length; n++) {
            Triplet t = triplets.get(n);
            logits[n] = new double[] {z.dot(t.i(), t.j()), z.dot(t.i(), t.k()), z.dot(t.j(), t.k())};
        }
        return logits;
    }

    /** Scalar mean and standard deviation over every value of the corpus, as DESIGN.md §3 prescribes. */
    static float[] scalarMeanAndStd(EmbeddingMatrix corpus) {
        double sum = 0;
        for (float v : corpus.values()) {
            sum += v;
        }
        double mean = sum / corpus.values().length;
        double squares = 0;
        for (float v : corpus.values()) {
            squares += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(squares / corpus.values().length);
        if (!(std > 0) || !Double.isFinite(std)) {
            throw new IllegalArgumentException("corpus embeddings have standard deviation " + std
                    + "; they must vary and be finite to standardise them (check the embed stage output)");
        }
        return new float[] {(float) mean, (float) std};
    }

    private static TeacherTransform transform(float[] stats, int dim, float[] weight, float[] bias) {
        return new TeacherTransform(stats[0], stats[1], dim, dim, weight, bias, 1.0);
    }

    private static void validate(EmbeddingMatrix items, List<Triplet> train, List<Triplet> heldOut, EmbeddingMatrix corpus) {
        if (train.isEmpty() || heldOut.isEmpty()) {
            throw new IllegalArgumentException("teacher fit needs training and held-out triplets, got " + train.size()
                    + " and " + heldOut.size() + "; hold out a share of the human triplets for early stopping and temperature");
        }
        if (corpus.dim() != items.dim()) {
            throw new IllegalArgumentException("corpus embeddings are " + corpus.dim() + "-dim but item embeddings are "
                    + items.dim() + "-dim; embed both with the same backbone");
        }
        if (corpus.rows() < 2) {
            throw new IllegalArgumentException("corpus has " + corpus.rows() + " rows; the local loss needs at least 2 images");
        }
        for (List<Triplet> list : List.of(train, heldOut)) {
            for (Triplet t : list) {
                if (Math.max(t.i(), Math.max(t.j(), t.k())) >= items.rows()) {
                    throw new IllegalArgumentException("triplet " + t + " refers to an item beyond the " + items.rows()
                            + " item embeddings; triplet indices must index rows of itemEmbeddings");
                }
            }
        }
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    private static void shuffle(int[] values, SplittableRandom random) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = values[i];
            values[i] = values[j];
            values[j] = swap;
        }
    }

    /** Adam with bias correction over the concatenation [W, b]. */
    private static final class Adam {
        private final double[] firstMoment;
        private final double[] secondMoment;
        private final double learningRate;
        private int steps;

        Adam(int size, double learningRate) {
            this.firstMoment = new double[size];
            this.secondMoment = new double[size];
            this.learningRate = learningRate;
        }

        void update(float[] weight, float[] bias, float[] weightGradient, float[] biasGradient) {
            steps++;
            double correction1 = 1 - Math.pow(ADAM_BETA1, steps);
            double correction2 = 1 - Math.pow(ADAM_BETA2, steps);
            for (int p = 0; p < weight.length; p++) {
                weight[p] -= (float) move(p, weightGradient[p], correction1, correction2);
            }
            for (int p = 0; p < bias.length; p++) {
                bias[p] -= (float) move(weight.length + p, biasGradient[p], correction1, correction2);
            }
        }

        private double move(int p, double gradient, double correction1, double correction2) {
            firstMoment[p] = ADAM_BETA1 * firstMoment[p] + (1 - ADAM_BETA1) * gradient;
            secondMoment[p] = ADAM_BETA2 * secondMoment[p] + (1 - ADAM_BETA2) * gradient * gradient;
            return learningRate * (firstMoment[p] / correction1) / (Math.sqrt(secondMoment[p] / correction2) + ADAM_EPSILON);
        }
    }
}
