package ai.alignet.ml.data;

/**
 * An evaluation triplet judged by several people: items (a, b, c), a type such as coarse / fine /
 * boundary, and how many people chose each item as the odd one out. The majority choice is the
 * reference answer; the spread is the human uncertainty.
 */
public record JudgedTriplet(int a, int b, int c, String type, int[] oddOneOutVotes) {

    public JudgedTriplet {
        if (oddOneOutVotes.length != 3) {
            throw new IllegalArgumentException("need 3 vote counts, got " + oddOneOutVotes.length);
        }
        oddOneOutVotes = oddOneOutVotes.clone();
    }

    @Override
    public int[] oddOneOutVotes() {
        return oddOneOutVotes.clone();
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
