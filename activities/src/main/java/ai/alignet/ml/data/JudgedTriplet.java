package ai.alignet.ml.data;

/**
 * An evaluation triplet judged by several people: items (a, b, c), a type such as coarse / fine /
 * boundary, and how many people chose each item as the odd one out. The majority choice is the
 * reference answer; the spread is the human uncertainty.
 *
 * <p>{@code reactionTimesMs} holds the people's reaction times in milliseconds where the data has them:
 * one per vote, grouped by the position chosen (the first {@code votes[0]} times are of the people who
 * chose position 0, and so on), or empty when none were recorded.
 */
public record JudgedTriplet(int a, int b, int c, String type, int[] oddOneOutVotes, double[] reactionTimesMs) {

    private static final double[] NONE = new double[0];

    public JudgedTriplet {
        if (oddOneOutVotes.length != 3) {
            throw new IllegalArgumentException("need 3 vote counts, got " + oddOneOutVotes.length);
        }
        oddOneOutVotes = oddOneOutVotes.clone();
        reactionTimesMs = reactionTimesMs == null ? NONE : reactionTimesMs.clone();
        int votes = oddOneOutVotes[0] + oddOneOutVotes[1] + oddOneOutVotes[2];
        if (reactionTimesMs.length != 0 && reactionTimesMs.length != votes) {
            throw new IllegalArgumentException("need one reaction time per vote (" + votes + ") or none, got "
                    + reactionTimesMs.length);
        }
        for (double rt : reactionTimesMs) {
            if (!(rt > 0) || Double.isInfinite(rt)) {
                throw new IllegalArgumentException("reaction times must be finite and > 0 ms, got " + rt);
            }
        }
    }

    /** A triplet without reaction times. */
    public JudgedTriplet(int a, int b, int c, String type, int[] oddOneOutVotes) {
        this(a, b, c, type, oddOneOutVotes, NONE);
    }

    @Override
    public int[] oddOneOutVotes() {
        return oddOneOutVotes.clone();
    }

    @Override
    public double[] reactionTimesMs() {
        return reactionTimesMs.clone();
    }

    public boolean hasReactionTimes() {
        return reactionTimesMs.length > 0;
    }

    /** Mean reaction time in ms over all votes; NaN when none were recorded. */
    public double meanReactionTimeMs() {
        if (reactionTimesMs.length == 0) {
            return Double.NaN;
        }
        double sum = 0;
        for (double rt : reactionTimesMs) {
            sum += rt;
        }
        return sum / reactionTimesMs.length;
    }

    public int totalVotes() {
        return oddOneOutVotes[0] + oddOneOutVotes[1] + oddOneOutVotes[2];
    }

    /** 0, 1 or 2: the position most people chose as odd one out (ties go to the lowest position). */
    public int majorityOddPosition() {
        int best = 0;
        for (int p = 1; p < 3; p++) {
            if (oddOneOutVotes[p] > oddOneOutVotes[best]) {
                best = p;
            }
        }
        return best;
    }

    public int item(int position) {
        return switch (position) {
            case 0 -> a;
            case 1 -> b;
            case 2 -> c;
            default -> throw new IllegalArgumentException("position must be 0..2, got " + position);
        };
    }
}
