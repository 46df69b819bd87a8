package ai.alignet.formats;

import ai.alignet.ml.data.JudgedTriplet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Levels-style human judgements as CSV, one row per person per triplet:
 * {@code image1,image2,image3,odd_one_out,type} where {@code odd_one_out} is the 1-based position of
 * the image that person chose. Rows of the same triplet (same three images in the same order) are
 * gathered into one {@link JudgedTriplet} with vote counts.
 */
public final class LevelsCsv {

    public static final String HEADER = "image1,image2,image3,odd_one_out,type";

    private LevelsCsv() {}

    /** Writes one row per vote; {@code names} maps item index to image path. */
    public static byte[] write(List<JudgedTriplet> triplets, List<String> names) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (JudgedTriplet t : triplets) {
            int[] votes = t.oddOneOutVotes();
            for (int position = 0; position < 3; position++) {
                for (int v = 0; v < votes[position]; v++) {
                    sb.append(names.get(t.a())).append(',').append(names.get(t.b())).append(',')
                            .append(names.get(t.c())).append(',').append(position + 1).append(',')
                            .append(t.type()).append('\n');
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads rows, resolving image paths through {@code index}; errors name the file, line and field. */
    public static List<JudgedTriplet> read(byte[] bytes, String source, Map<String, Integer> index) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
        if (lines.length == 0 || !lines[0].trim().startsWith("image1,image2,image3,odd_one_out")) {
            throw new InvalidInputException(source + ": first line must be the header '" + HEADER
                    + "' (type optional), got '" + (lines.length == 0 ? "" : lines[0]) + "'");
        }
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (int n = 1; n < lines.length; n++) {
            String line = lines[n].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length < 4 || f.length > 5) {
                throw new InvalidInputException(source + " line " + (n + 1) + ": expected 4 or 5 fields, got " + f.length);
            }
            for (int c = 0; c < 3; c++) {
                if (!index.containsKey(f[c])) {
                    throw new InvalidInputException(source + " line " + (n + 1) + ": image" + (c + 1) + " '" + f[c]
                            + "' is not in the images folder");
                }
            }
            int odd;
            try {
                odd = Integer.parseInt(f[3].trim());
            } catch (NumberFormatException e) {
                odd = -1;
            }
            if (odd < 1 || odd > 3) {
                throw new InvalidInputException(source + " line " + (n + 1) + ": odd_one_out must be 1, 2 or 3, got '"
                        + f[3] + "'");
            }
            String type = f.length == 5 ? f[4].trim() : "all";
            String key = f[0] + "," + f[1] + "," + f[2] + "," + type;
            votes.computeIfAbsent(key, k -> new int[3])[odd - 1]++;
            rows.putIfAbsent(key, f);
        }
        List<JudgedTriplet> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : votes.entrySet()) {
            String[] f = rows.get(e.getKey());
            String type = f.length == 5 ? f[4].trim() : "all";
            out.add(new JudgedTriplet(index.get(f[0]), index.get(f[1]), index.get(f[2]), type, e.getValue()));
        }
        return out;
    }
}
