package ai.alignet.ml.teacher;

import java.util.List;

/**
 * A fitted teacher and how it does on the held-out human triplets. "Before" is the raw standardised
 * features (identity map, T = 1); "after" the fitted and calibrated transform. Log-likelihoods are
 * mean log p_ij; ECE uses the top-pair probability as confidence. {@code lossCurve} holds the mean
 * training loss of each epoch; {@code epochs} is how many ran.
 */
public record TeacherFitResult(
        TeacherTransform transform, double accuracyBefore, double accuracyAfter, double logLikelihoodBefore,
        double logLikelihoodAfter, double eceBefore, double eceAfter, int epochs, List<Double> lossCurve) {

    public TeacherFitResult {
        lossCurve = List.copyOf(lossCurve);
    }
}
