package ai.alignet.formats;

import ai.alignet.ml.data.Triplet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * THINGS-data triplet text files ({@code trainset.txt}, {@code testset*.txt}): one triplet per line,
 * three 0-based image indices separated by whitespace, the odd one out last.
 */
public final class ThingsTriplets {

    private ThingsTriplets() {}

    public static byte[] write(List<Triplet> triplets) {
        StringBuilder sb = new StringBuilder();
        for (Triplet t : triplets) {
            sb.append(t.i()).append(' ').append(t.j()).append(' ').append(t.k()).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses and checks every index against {@code items}; errors name the file and line. */
    public static List<Triplet> read(byte[] bytes, String source, int items) {
        List<Triplet> out = new ArrayList<>();
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 3) {
                throw new InvalidInputException(source + " line " + (n + 1) + ": expected 3 indices, got "
                        + parts.length + " ('" + abbreviate(line) + "')");
            }
            int[] idx = new int[3];
            for (int c = 0; c < 3; c++) {
                try {
                    idx[c] = (int) Double.parseDouble(parts[c]);
                    if (idx[c] != Double.parseDouble(parts[c])) {
                        throw new NumberFormatException();
                    }
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(source + " line " + (n + 1) + ": '" + abbreviate(parts[c])
                            + "' is not an integer index");
                }
                if (idx[c] < 0 || idx[c] >= items) {
                    throw new InvalidInputException(source + " line " + (n + 1) + ": index " + idx[c]
                            + " is out of range; there are " + items + " images (0.." + (items - 1) + ")");
                }
            }
            if (idx[0] == idx[1] || idx[0] == idx[2] || idx[1] == idx[2]) {
                throw new InvalidInputException(source + " line " + (n + 1) + ": a triplet needs three different images");
            }
            out.add(new Triplet(idx[0], idx[1], idx[2]));
        }
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
