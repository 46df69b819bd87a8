package ai.alignet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Renders {@code report.json} as a self-contained HTML page with inline SVG charts: agreement by
 * abstraction level (baseline vs aligned, with the human ceiling), probe accuracy under shift, and each
 * student's training loss. No scripts, no external assets: it opens anywhere, offline.
 */
public final class ReportPage {

    private static final String BASELINE = "#9aa5b1";
    private static final String ALIGNED = "#2a6fdb";
    private static final String CEILING = "#d9534f";

    private ReportPage() {}

    public static String render(String reportJson) {
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(reportJson);
        } catch (IOException e) {
            throw new IllegalArgumentException("report is not valid JSON: " + e.getMessage(), e);
        }
        StringBuilder h = new StringBuilder();
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>AligNet report ")
                .append(esc(r.path("workflowId").asText())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1f2933}")
                .append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #cbd2d9;padding:.3rem .6rem;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}h2{margin-top:2rem}.muted{color:#616e7c}")
                .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 .3rem 0 1rem;vertical-align:middle}")
                .append("</style></head><body>");
        h.append("<h1>AligNet run report</h1><p class=\"muted\">run <code>").append(esc(r.path("workflowId").asText()))
                .append("</code> &middot; spec <code>").append(esc(r.path("specDigest").asText()).substring(0, 12))
                .append("</code> &middot; preset ").append(esc(r.path("preset").asText()))
                .append(" &middot; ").append(fmt(r.path("wallSeconds").asDouble(), 1)).append(" s</p>");

        JsonNode t = r.path("teacher");
        h.append("<h2>Surrogate teacher (held-out human triplets)</h2><table><tr><th></th><th>before</th><th>after</th></tr>");
        row(h, "odd-one-out accuracy", t.path("humanTripletAccuracy"));
        row(h, "mean log-likelihood", t.path("logLikelihood"));
        row(h, "expected calibration error", t.path("expectedCalibrationError"));
        h.append("</table><p class=\"muted\">temperature ").append(fmt(t.path("temperature").asDouble(), 3))
                .append(", ").append(t.path("epochs").asInt()).append(" epochs</p>");

        JsonNode ceiling = r.path("humanCeiling");
        for (JsonNode s : r.path("students")) {
            String name = s.path("name").asText();
            h.append("<h2>Student ").append(esc(name)).append("</h2>");
            h.append("<div class=\"legend\"><span style=\"background:").append(BASELINE).append("\"></span>baseline")
                    .append("<span style=\"background:").append(ALIGNED).append("\"></span>aligned")
                    .append("<span style=\"background:").append(CEILING).append("\"></span>human-to-human ceiling</div>");
            h.append(agreementChart(s.path("agreement"), s.path("intervals"), ceiling));
            h.append("<table><tr><th>level</th><th>baseline</th><th>aligned</th><th>95% CI (aligned)</th><th>ceiling</th></tr>");
            for (Iterator<String> it = s.path("agreement").path("aligned").fieldNames(); it.hasNext(); ) {
                String level = it.next();
                JsonNode ci = s.path("intervals").path("aligned").path(level);
                h.append("<tr><td>").append(esc(level)).append("</td><td>")
                        .append(fmt(s.path("agreement").path("baseline").path(level).asDouble(), 3)).append("</td><td>")
                        .append(fmt(s.path("agreement").path("aligned").path(level).asDouble(), 3)).append("</td><td>")
                        .append(fmt(ci.path("ciLow").asDouble(), 3)).append(" – ").append(fmt(ci.path("ciHigh").asDouble(), 3))
                        .append("</td><td>").append(fmt(ceiling.path(level).asDouble(), 3)).append("</td></tr>");
            }
            h.append("<tr><td>shift probe accuracy</td><td>")
                    .append(fmt(s.path("shiftProbeAccuracy").path("baseline").asDouble(), 3)).append("</td><td>")
                    .append(fmt(s.path("shiftProbeAccuracy").path("aligned").asDouble(), 3)).append("</td><td></td><td></td></tr>");
            h.append("<tr><td>entropy vs human uncertainty (r)</td><td>")
                    .append(fmt(s.path("uncertaintyCorrelation").path("baseline").asDouble(), 3)).append("</td><td>")
                    .append(fmt(s.path("uncertaintyCorrelation").path("aligned").asDouble(), 3)).append("</td><td></td><td></td></tr>");
            h.append("</table>");
            h.append("<h3>Training loss</h3>").append(lossChart(s.path("lossCurve")));
        }

        h.append("<h2>Stages</h2><table><tr><th>stage</th><th>cached</th><th>seconds</th></tr>");
        for (JsonNode st : r.path("stages")) {
            h.append("<tr><td>").append(esc(st.path("name").asText())).append("</td><td>")
                    .append(st.path("cached").asBoolean() ? "yes" : "no").append("</td><td>")
                    .append(fmt(st.path("seconds").asDouble(), 1)).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    /** Grouped bars per level: baseline and aligned agreement with CI whiskers, the ceiling as a line. */
    static String agreementChart(JsonNode agreement, JsonNode intervals, JsonNode ceiling) {
        List<String> levels = new ArrayList<>();
        agreement.path("aligned").fieldNames().forEachRemaining(levels::add);
        int width = 520;
        int height = 240;
        int top = 20;
        int bottom = 200;
        int group = (width - 60) / Math.max(1, levels.size());
        StringBuilder svg = new StringBuilder("<svg role=\"img\" aria-label=\"agreement by level\" width=\"" + width
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height + "\">");
        for (int tick = 0; tick <= 4; tick++) {
            double v = tick / 4.0;
            double y = bottom - v * (bottom - top);
            svg.append(String.format(Locale.ROOT, "<line x1=\"40\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#e4e7eb\"/>"
                    + "<text x=\"34\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%.2f</text>", width - 10, y, y, y + 4, v));
        }
        for (int i = 0; i < levels.size(); i++) {
            String level = levels.get(i);
            int x0 = 50 + i * group;
            int barWidth = group / 3;
            String[] series = {"baseline", "aligned"};
            String[] colours = {BASELINE, ALIGNED};
            for (int k = 0; k < 2; k++) {
                double v = agreement.path(series[k]).path(level).asDouble();
                double x = x0 + k * (barWidth + 4);
                double y = bottom - v * (bottom - top);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\">"
                        + "<title>%s %s %.3f</title></rect>", x, y, barWidth, bottom - y, colours[k], level, series[k], v));
                JsonNode ci = intervals.path(series[k]).path(level);
                if (ci.has("ciLow")) {
                    double lo = bottom - ci.path("ciLow").asDouble() * (bottom - top);
                    double hi = bottom - ci.path("ciHigh").asDouble() * (bottom - top);
                    double cx = x + barWidth / 2.0;
                    svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2933\"/>",
                            cx, cx, lo, hi));
                }
            }
            if (ceiling.has(level)) {
                double y = bottom - ceiling.path(level).asDouble() * (bottom - top);
                svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                        + "stroke-width=\"2\" stroke-dasharray=\"4 2\"/>", x0 - 4, x0 + 2 * barWidth + 8, y, y, CEILING));
            }
            svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">%s</text>",
                    x0 + barWidth, bottom + 18, esc(level)));
        }
        return svg.append("</svg>").toString();
    }

    static String lossChart(JsonNode curve) {
        int width = 520;
        int height = 180;
        if (!curve.isArray() || curve.isEmpty()) {
            return "<p class=\"muted\">no loss curve (stage served from cache)</p>";
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
            double x = 64 + (width - 74) * (curve.size() == 1 ? 0 : (double) i / (curve.size() - 1));
            double y = 10 + (height - 40) * (1 - (curve.get(i).asDouble() - min) / span);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return String.format(Locale.ROOT, "<svg role=\"img\" aria-label=\"training loss\" width=\"%d\" height=\"%d\">"
                + "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.5\" points=\"%s\"/>"
                + "<text x=\"60\" y=\"14\" font-size=\"11\" text-anchor=\"end\">%.4f</text>"
                + "<text x=\"60\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%.4f</text>"
                + "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">training progress &rarr;</text></svg>",
                width, height, ALIGNED, points.toString().trim(), max, height - 30, min, width / 2, height - 8);
    }

    private static void row(StringBuilder h, String label, JsonNode beforeAfter) {
        h.append("<tr><td>").append(label).append("</td><td>").append(fmt(beforeAfter.path("before").asDouble(), 3))
                .append("</td><td>").append(fmt(beforeAfter.path("after").asDouble(), 3)).append("</td></tr>");
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
