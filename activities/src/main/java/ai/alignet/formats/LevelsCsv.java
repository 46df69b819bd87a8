package ai.alignet.formats;

import ai.alignet.ml.data.JudgedTriplet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Levels-style human judgements as CSV, one row per person per triplet, header
 * {@code image1,image2,image3,odd_one_out[,type][,rt]} (columns found by name, so their order and extra
 * columns do not matter): image paths relative to the images folder, {@code odd_one_out} the
 * 1-based position (1–3) of the image that person chose, {@code type} e.g. coarse / fine / boundary
 * ("all" when the column is absent), {@code rt} that person's reaction time in milliseconds (a positive
 * number; when the column is there, every row needs one). Fields may be double-quoted (RFC 4180), so
 * paths may hold commas.
 */
public final class LevelsCsv {

    public static final String HEADER = "image1,image2,image3,odd_one_out,type";
    private static final String[] REQUIRED = {"image1", "image2", "image3", "odd_one_out"};
    private static final Pattern DECIMAL = Pattern.compile("[+]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /**
     * One person's answer: three image paths, the 1-based position chosen as odd one out, the type, the
     * reaction time in ms (NaN when the file has no rt column) and the line it came from.
     */
    public record Response(String image1, String image2, String image3, int oddOneOut, String type, double rtMs,
            int line) {

        public boolean hasReactionTime() {
            return !Double.isNaN(rtMs);
        }

        public String image(int position) {
            return switch (position) {
                case 0 -> image1;
                case 1 -> image2;
                case 2 -> image3;
                default -> throw new IllegalArgumentException("position must be 0..2, got " + position);
            };
        }
    }

    private LevelsCsv() {}

    /**
     * Writes one row per vote; {@code names} maps item index to image path. With an rt column when the
     * triplets carry reaction times (then all of them must).
     */
    public static byte[] write(List<JudgedTriplet> triplets, List<String> names) {
        boolean timed = !triplets.isEmpty() && triplets.get(0).hasReactionTimes();
        for (JudgedTriplet t : triplets) {
            if (t.hasReactionTimes() != timed) {
                throw new IllegalArgumentException("either every triplet has reaction times or none has; a Levels CSV "
                        + "has one rt per row or no rt column");
            }
        }
        StringBuilder sb = new StringBuilder(HEADER).append(timed ? ",rt" : "").append('\n');
        for (JudgedTriplet t : triplets) {
            int[] votes = t.oddOneOutVotes();
            double[] rt = t.reactionTimesMs();
            int vote = 0;
            for (int position = 0; position < 3; position++) {
                for (int v = 0; v < votes[position]; v++) {
                    sb.append(field(names.get(t.a()))).append(',').append(field(names.get(t.b()))).append(',')
                            .append(field(names.get(t.c()))).append(',').append(position + 1).append(',')
                            .append(field(t.type()));
                    if (timed) {
                        double ms = rt[vote];
                        sb.append(',').append(ms == Math.rint(ms) && ms < 1e15 ? Long.toString((long) ms) : Double.toString(ms));
                    }
                    sb.append('\n');
                    vote++;
                }
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Every row in file order; errors name the file, line and field. */
    public static List<Response> readResponses(byte[] bytes, String source) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\r?\n", -1);
        List<String> header = split(lines[0], source, 1);
        int[] column = new int[REQUIRED.length];
        for (int c = 0; c < REQUIRED.length; c++) {
            column[c] = header.indexOf(REQUIRED[c]);
            if (column[c] < 0) {
                throw new InvalidInputException(source + ": first line must be the header '" + HEADER
                        + "' (type optional); column '" + REQUIRED[c] + "' is missing in '" + lines[0] + "'");
            }
        }
        int typeColumn = header.indexOf("type");
        int rtColumn = header.indexOf("rt");
        List<Response> out = new ArrayList<>();
        for (int n = 1; n < lines.length; n++) {
            if (lines[n].isBlank()) {
                continue;
            }
            int line = n + 1;
            List<String> f = split(lines[n], source, line);
            if (f.size() != header.size()) {
                throw new InvalidInputException(source + " line " + line + ": expected " + header.size()
                        + " fields like the header, got " + f.size());
            }
            for (int c = 0; c < 3; c++) {
                if (f.get(column[c]).isBlank()) {
                    throw new InvalidInputException(source + " line " + line + ": image" + (c + 1) + " is empty");
                }
            }
            String oddText = f.get(column[3]).trim();
            int odd;
            try {
                odd = Integer.parseInt(oddText);
            } catch (NumberFormatException e) {
                odd = -1;
            }
            if (odd < 1 || odd > 3) {
                throw new InvalidInputException(source + " line " + line + ": odd_one_out must be 1, 2 or 3, got '"
                        + oddText + "'");
            }
            String i1 = f.get(column[0]);
            String i2 = f.get(column[1]);
            String i3 = f.get(column[2]);
            if (i1.equals(i2) || i1.equals(i3) || i2.equals(i3)) {
                throw new InvalidInputException(source + " line " + line + ": a triplet needs three different images");
            }
            String type = typeColumn >= 0 && !f.get(typeColumn).isBlank() ? f.get(typeColumn).trim() : "all";
            double rt = rtColumn >= 0 ? reactionTime(f.get(rtColumn).trim(), source, line) : Double.NaN;
            out.add(new Response(i1, i2, i3, odd, type, rt, line));
        }
        return out;
    }

    private static double reactionTime(String text, String source, int line) {
        // A plain decimal only: Double.parseDouble would also take "NaN", "Infinity", "12d" or hex.
        double rt = DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        if (!(rt > 0) || Double.isInfinite(rt)) {
            throw new InvalidInputException(source + " line " + line + ": rt must be a positive reaction time in "
                    + "milliseconds, got '" + text + "'; fill it in or drop the rt column");
        }
        return rt;
    }

    /**
     * Rows resolved to image indices through {@code index} and gathered into one {@link JudgedTriplet}
     * per (images in order, type) with vote counts and, when the file has an rt column, the reaction
     * times; errors name the file, line and field.
     */
    public static List<JudgedTriplet> read(byte[] bytes, String source, Map<String, Integer> index) {
        Map<String, int[]> votes = new LinkedHashMap<>();
        Map<String, List<List<Double>>> times = new LinkedHashMap<>();
        Map<String, Response> first = new LinkedHashMap<>();
        for (Response r : readResponses(bytes, source)) {
            for (int c = 0; c < 3; c++) {
                if (!index.containsKey(r.image(c))) {
                    throw new InvalidInputException(source + " line " + r.line() + ": image" + (c + 1) + " '" + r.image(c)
                            + "' is not in the images folder");
                }
            }
            String key = r.image1() + "\u0000" + r.image2() + "\u0000" + r.image3() + "\u0000" + r.type();
            votes.computeIfAbsent(key, k -> new int[3])[r.oddOneOut() - 1]++;
            if (r.hasReactionTime()) {
                times.computeIfAbsent(key, k -> List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()))
                        .get(r.oddOneOut() - 1).add(r.rtMs());
            }
            first.putIfAbsent(key, r);
        }
        List<JudgedTriplet> out = new ArrayList<>();
        for (Map.Entry<String, int[]> e : votes.entrySet()) {
            Response r = first.get(e.getKey());
            // Grouped by chosen position, as JudgedTriplet keeps them.
            double[] rt = times.containsKey(e.getKey())
                    ? times.get(e.getKey()).stream().flatMap(List::stream).mapToDouble(Double::doubleValue).toArray()
                    : null;
            out.add(new JudgedTriplet(index.get(r.image1()), index.get(r.image2()), index.get(r.image3()), r.type(),
                    e.getValue(), rt));
        }
        return out;
    }

    private static String field(String s) {
        return s.contains(",") || s.contains("\"") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    private static List<String> split(String line, String source, int lineNumber) {
        List<String> fields = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"' && cur.toString().isBlank()) {
                quoted = true;
                cur.setLength(0);
            } else if (ch == ',') {
                fields.add(cur.toString().trim());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        if (quoted) {
            throw new InvalidInputException(source + " line " + lineNumber + ": a quoted field is not closed");
        }
        fields.add(cur.toString().trim());
        return fields;
    }
}
