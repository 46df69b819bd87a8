package ai.alignet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Inline SVG charts shared by the stored report and the control plane's run page: no script, so
 * nothing can fail in a browser, and the report opens offline.
 */
public final class SvgCharts {

    public static final String BASELINE = "#9aa5b1";
    public static final String ALIGNED = "#2a6fdb";
    public static final String CEILING = "#d9534f";
    private static final String[] CATEGORY_COLOURS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
        "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"};

    private SvgCharts() {}

    /** Grouped bars per abstraction level, baseline vs aligned, the human-to-human ceiling as a dashed line. */
    public static String agreement(JsonNode agreement, JsonNode ceiling) {
        return agreement(agreement, MissingNode.getInstance(), ceiling);
    }

    /** As above, with 95% bootstrap whiskers where {@code intervals.<series>.<level>} has ciLow and ciHigh. */
    public static String agreement(JsonNode agreement, JsonNode intervals, JsonNode ceiling) {
        List<String> levels = new ArrayList<>();
        agreement.path("aligned").fieldNames().forEachRemaining(levels::add);
        int width = 480;
        int height = 230;
        int top = 15;
        int bottom = 195;
        int group = (width - 60) / Math.max(1, levels.size());
        StringBuilder svg = open("agreement", "agreement by abstraction level", width, height);
        axis(svg, width, top, bottom, 0, 1);
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            int x0 = 50 + i * group;
            int bar = group / 3;
            String[] series = {"baseline", "aligned"};
            String[] colours = {BASELINE, ALIGNED};
            for (int k = 0; k < 2; k++) {
                double v = agreement.path(series[k]).path(level).asDouble();
                double x = x0 + k * (bar + 4);
                double y = bottom - v * (bottom - top);
                svg.append(fmt("<rect class=\"bar\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s %.3f</title></rect>", x, y, bar, bottom - y, colours[k], esc(level), series[k], v));
                JsonNode ci = intervals.path(series[k]).path(level);
                if (ci.has("ciLow") && ci.has("ciHigh")) {
                    double cx = x + bar / 2.0;
                    svg.append(fmt("<line class=\"ci\" x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2933\">"
                            + "<title>95%% CI %.3f – %.3f</title></line>", cx, cx,
                            bottom - ci.path("ciLow").asDouble() * (bottom - top),
                            bottom - ci.path("ciHigh").asDouble() * (bottom - top),
                            ci.path("ciLow").asDouble(), ci.path("ciHigh").asDouble()));
                }
            }
            if (ceiling.has(level)) {
                double y = bottom - ceiling.path(level).asDouble() * (bottom - top);
                svg.append(fmt("<line class=\"ceiling\" x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"4 2\"><title>human ceiling %.3f</title></line>",
                        x0 - 4, x0 + 2 * bar + 8, y, y, CEILING, ceiling.path(level).asDouble()));
            }
            svg.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>", x0 + bar, bottom + 18,
                    esc(level)));
        }
        return svg.append("</svg>").toString();
    }

    /** The student's training loss, down-sampled by the workflow to a few hundred points. */
    public static String loss(JsonNode curve) {
        int width = 480;
        int height = 200;
        if (!curve.isArray() || curve.isEmpty()) {
            return "<p class=\"muted\">no loss curve (the student was served from cache)</p>";
        }
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (JsonNode v : curve) {
            min = Math.min(min, v.asDouble());
            max = Math.max(max, v.asDouble());
        }
        double span = max - min == 0 ? 1 : max - min;
        StringBuilder points = new StringBuilder();
        for (int i = 0; i < curve.size(); i++) {
            double x = 50 + (width - 60) * (curve.size() == 1 ? 0 : (double) i / (curve.size() - 1));
            double y = 15 + 165 * (1 - (curve.get(i).asDouble() - min) / span);
            points.append(fmt("%.1f,%.1f ", x, y));
        }
        StringBuilder svg = open("loss", "training loss", width, height);
        axis(svg, width, 15, 180, min, max);
        svg.append(fmt("<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>", ALIGNED,
                points.toString().trim()));
        svg.append(fmt("<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">training step &rarr;</text>",
                width / 2, height - 4));
        return svg.append("</svg>").toString();
    }

    /** Before/after pairs (accuracy, ECE) of the teacher as horizontal bars. */
    public static String calibration(JsonNode teacher) {
        String[][] rows = {{"humanTripletAccuracy", "odd-one-out accuracy"}, {"expectedCalibrationError", "calibration error (ECE)"}};
        int width = 480;
        int height = 150;
        StringBuilder svg = open("calibration", "teacher accuracy and calibration before and after alignment", width, height);
        int y = 20;
        for (String[] row : rows) {
            svg.append(fmt("<text x=\"0\" y=\"%d\" font-size=\"12\">%s</text>", y, row[1]));
            double before = teacher.path(row[0]).path("before").asDouble();
            double after = teacher.path(row[0]).path("after").asDouble();
            double scale = Math.max(1e-9, Math.max(Math.abs(before), Math.abs(after)));
            bar(svg, y + 6, before, scale, BASELINE, "before");
            bar(svg, y + 26, after, scale, ALIGNED, "after");
            y += 65;
        }
        return svg.append("</svg>").toString();
    }

    private static void bar(StringBuilder svg, int y, double value, double scale, String colour, String label) {
        double w = 300 * Math.abs(value) / scale;
        svg.append(fmt("<rect class=\"bar\" x=\"120\" y=\"%d\" width=\"%.1f\" height=\"16\" fill=\"%s\"><title>%s %.4f</title>"
                + "</rect><text x=\"114\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s</text>"
                + "<text x=\"%.1f\" y=\"%d\" font-size=\"11\">%.3f</text>", y, w, colour, label, value, y + 12, label,
                126 + w, y + 12, value));
    }

    /**
     * Two scatter plots side by side: the teacher's corpus embeddings projected to 2-D before and after
     * alignment, each point coloured by its category.
     */
    public static String embeddingMap(JsonNode map) {
        List<String> categories = new ArrayList<>();
        map.path("categories").forEach(c -> categories.add(c.asText()));
        int width = 560;
        int height = 300;
        StringBuilder svg = open("embedding-map", "embedding space before and after alignment, coloured by category",
                width, height);
        String[] panels = {"before", "after"};
        for (int p = 0; p < 2; p++) {
            JsonNode points = map.path(panels[p]);
            double minX = Double.MAX_VALUE, maxX = -Double.MAX_VALUE, minY = Double.MAX_VALUE, maxY = -Double.MAX_VALUE;
            for (JsonNode pt : points) {
                minX = Math.min(minX, pt.get(0).asDouble());
                maxX = Math.max(maxX, pt.get(0).asDouble());
                minY = Math.min(minY, pt.get(1).asDouble());
                maxY = Math.max(maxY, pt.get(1).asDouble());
            }
            double sx = maxX - minX == 0 ? 1 : maxX - minX;
            double sy = maxY - minY == 0 ? 1 : maxY - minY;
            int x0 = 10 + p * 280;
            svg.append(fmt("<rect x=\"%d\" y=\"20\" width=\"260\" height=\"260\" fill=\"none\" stroke=\"#cbd2d9\"/>"
                    + "<text x=\"%d\" y=\"14\" font-size=\"12\" text-anchor=\"middle\">%s alignment</text>", x0, x0 + 130,
                    panels[p]));
            JsonNode labels = map.path("labels");
            for (int i = 0; i < points.size(); i++) {
                JsonNode pt = points.get(i);
                int category = labels.path(i).asInt();
                double x = x0 + 8 + 244 * (pt.get(0).asDouble() - minX) / sx;
                double y = 28 + 244 * (1 - (pt.get(1).asDouble() - minY) / sy);
                String name = category < categories.size() ? categories.get(category) : Integer.toString(category);
                svg.append(fmt("<circle class=\"point\" cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\" fill-opacity=\"0.8\">"
                        + "<title>%s</title></circle>", x, y, CATEGORY_COLOURS[category % CATEGORY_COLOURS.length], esc(name)));
            }
        }
        return svg.append("</svg>").toString();
    }

    public static String legend(List<String> names, List<String> colours) {
        StringBuilder h = new StringBuilder("<div class=\"legend\">");
        for (int i = 0; i < names.size(); i++) {
            h.append("<span style=\"background:").append(colours.get(i)).append("\"></span>").append(esc(names.get(i)));
        }
        return h.append("</div>").toString();
    }

    public static List<String> categoryColours(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]);
        }
        return out;
    }

    private static StringBuilder open(String id, String label, int width, int height) {
        return new StringBuilder(fmt("<svg class=\"chart\" id=\"%s\" role=\"img\" aria-label=\"%s\" width=\"%d\" "
                + "height=\"%d\" viewBox=\"0 0 %d %d\">", id, esc(label), width, height, width, height));
    }

    private static void axis(StringBuilder svg, int width, int top, int bottom, double min, double max) {
        for (int tick = 0; tick <= 4; tick++) {
            double v = min + (max - min) * tick / 4.0;
            double y = bottom - tick / 4.0 * (bottom - top);
            svg.append(fmt("<line x1=\"45\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e7eb\"/>"
                    + "<text x=\"40\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.2f</text>", width - 5, y, y, y + 4, v));
        }
    }

    public static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    public static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
