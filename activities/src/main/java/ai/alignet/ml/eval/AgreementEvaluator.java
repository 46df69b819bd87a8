package ai.alignet.ml.eval;

import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.ml.data.JudgedTriplet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.SplittableRandom;

/** Odd-one-out agreement between a model and judged human triplets, per triplet type (DESIGN.md §3). */
public final class AgreementEvaluator {

    private AgreementEvaluator() {}

    /**
     * Per triplet type, in order of first appearance: agreement of the model's odd one out with the
     * majority human odd one out (vote ties go to the lowest position, see
     * {@link JudgedTriplet#majorityOddPosition()}), a seeded 95% percentile-bootstrap interval, and
     * the human noise ceiling.
     */
    public static Map<String, LevelAgreement> evaluate(
            EmbeddingMatrix e, List<JudgedTriplet> triplets, int bootstrapSamples, long seed) {
        if (bootstrapSamples < 1) {
            throw new IllegalArgumentException("bootstrapSamples must be >= 1, got " + bootstrapSamples);
        }
        Map<String, List<JudgedTriplet>> byType = new LinkedHashMap<>();
        for (JudgedTriplet t : triplets) {
            byType.computeIfAbsent(t.type(), type -> new ArrayList<>()).add(t);
        }
        Map<String, LevelAgreement> result = new LinkedHashMap<>();
        for (Map.Entry<String, List<JudgedTriplet>> level : byType.entrySet()) {
            List<JudgedTriplet> group = level.getValue();
            boolean[] hit = new boolean[group.size()];
            int correct = 0;
            for (int n = 0; n < group.size(); n++) {
                JudgedTriplet t = group.get(n);
                hit[n] = OddOneOut.oddPosition(e, t.a(), t.b(), t.c()) == t.majorityOddPosition();
                correct += hit[n] ? 1 : 0;
            }
            // One stream per type, derived from the seed and the type name, so adding a type elsewhere
            // does not shift this type's interval.
            double[] ci = bootstrapInterval(hit, bootstrapSamples, new SplittableRandom(seed ^ level.getKey().hashCode()));
            result.put(level.getKey(), new LevelAgreement(level.getKey(), group.size(), correct,
                    (double) correct / group.size(), ci[0], ci[1], humanCeiling(group)));
        }
        return result;
    }

    /**
     * Mean over triplets (each triplet weighted equally) of the mean over its raters of the leave-one-out
     * agreement: 1 when the rater's choice is the unique majority of the remaining votes, 1/#tied when it
     * is one of several tied majorities, 0 otherwise. Triplets with fewer than two votes are skipped;
     * NaN if none remain.
     */
    public static double humanCeiling(List<JudgedTriplet> triplets) {
        double sum = 0;
        int counted = 0;
        for (JudgedTriplet t : triplets) {
            int[] votes = t.oddOneOutVotes();
            int total = t.totalVotes();
            if (total < 2) {
                continue;
            }
            double agreement = 0;
            for (int choice = 0; choice < 3; choice++) {
                if (votes[choice] == 0) {
                    continue;
                }
                int[] rest = votes.clone();
                rest[choice]--;
                int max = Math.max(rest[0], Math.max(rest[1], rest[2]));
                int tied = 0;
                for (int r : rest) {
                    tied += r == max ? 1 : 0;
                }
                // Every rater who chose this position scores the same, hence the weight votes[choice].
                if (rest[choice] == max) {
                    agreement += votes[choice] * (1.0 / tied);
                }
            }
            sum += agreement / total;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }

    /**
     * Pearson correlation between the model's odd-one-out entropy (probabilities at {@code temperature})
     * and the entropy of the human vote distribution, over all triplets with at least one vote.
     */
    public static double entropyUncertaintyCorrelation(EmbeddingMatrix e, List<JudgedTriplet> t, double temperature) {
        List<double[]> pairs = new ArrayList<>();
        for (JudgedTriplet triplet : t) {
            int total = triplet.totalVotes();
            if (total == 0) {
                continue;
            }
            int[] votes = triplet.oddOneOutVotes();
            double[] human = {(double) votes[0] / total, (double) votes[1] / total, (double) votes[2] / total};
            double[] model = OddOneOut.probabilities(e, triplet.a(), triplet.b(), triplet.c(), temperature);
            pairs.add(new double[] {entropy(model), entropy(human)});
        }
        if (pairs.size() < 2) {
            throw new IllegalArgumentException("entropy correlation needs at least 2 triplets with votes, got " + pairs.size());
        }
        double[] modelEntropy = pairs.stream().mapToDouble(p -> p[0]).toArray();
        double[] humanEntropy = pairs.stream().mapToDouble(p -> p[1]).toArray();
        return PearsonCorrelation.correlate(modelEntropy, humanEntropy);
    }

    /**
     * Pearson correlation (as for the human uncertainty above) between the model's odd-one-out entropy
     * (probabilities at {@code temperature}) and the people's mean reaction time, over the triplets whose
     * data has reaction times. Empty when fewer than two triplets have them, or when either side is
     * constant (the correlation is then undefined).
     */
    public static OptionalDouble reactionTimeCorrelation(EmbeddingMatrix e, List<JudgedTriplet> t, double temperature) {
        List<double[]> pairs = new ArrayList<>();
        for (JudgedTriplet triplet : t) {
            if (triplet.hasReactionTimes()) {
                double[] model = OddOneOut.probabilities(e, triplet.a(), triplet.b(), triplet.c(), temperature);
                pairs.add(new double[] {entropy(model), triplet.meanReactionTimeMs()});
            }
        }
        if (pairs.size() < 2) {
            return OptionalDouble.empty();
        }
        double r = PearsonCorrelation.correlate(pairs.stream().mapToDouble(p -> p[0]).toArray(),
                pairs.stream().mapToDouble(p -> p[1]).toArray());
        return Double.isNaN(r) ? OptionalDouble.empty() : OptionalDouble.of(r);
    }

    /** Shannon entropy in nats; 0·log 0 counts as 0. */
    static double entropy(double[] p) {
        double h = 0;
        for (double q : p) {
            if (q > 0) {
                h -= q * Math.log(q);
            }
        }
        return h;
    }

    /** 2.5th and 97.5th percentiles (nearest-rank) of the accuracy over bootstrap resamples. */
    static double[] bootstrapInterval(boolean[] hit, int samples, SplittableRandom random) {
        double[] accuracies = new double[samples];
        for (int s = 0; s < samples; s++) {
            int correct = 0;
            for (int n = 0; n < hit.length; n++) {
                correct += hit[random.nextInt(hit.length)] ? 1 : 0;
            }
            accuracies[s] = (double) correct / hit.length;
        }
        Arrays.sort(accuracies);
        return new double[] {percentile(accuracies, 0.025), percentile(accuracies, 0.975)};
    }

    private static double percentile(double[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
