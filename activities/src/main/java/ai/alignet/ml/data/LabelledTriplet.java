package ai.alignet.ml.data;

/**
 * A teacher-scored triplet in AligNet label order: images (a, b, c) with c the odd one out, and the
 * unnormalised similarity logits [s01, s02, s12] where s12 &lt; s01 and s12 &lt; s02. The teacher's target
 * distribution is softmax([s01, s02, s12]) with no extra temperature.
 */
public record LabelledTriplet(int a, int b, int c, float s01, float s02, float s12) {}
