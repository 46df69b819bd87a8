package ai.alignet.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;

/**
 * Renders {@code report.json} as a self-contained HTML page with inline SVG charts: agreement by
 * abstraction level (baseline vs aligned, with the human ceiling), probe accuracy under shift, the
 * uncertainty and reaction-time correlations, few-shot accuracy, and each student's training loss. No scripts, no external assets: it opens anywhere, offline.
 */
public final class ReportPage {

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
                .append(SvgCharts.esc(r.path("workflowId").asText())).append("</title><style>")
                .append("body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1100px;color:#1f2933}")
                .append("table{border-collapse:collapse;margin:.5rem 0 1.5rem}td,th{border:1px solid #cbd2d9;padding:.3rem .6rem;text-align:right}")
                .append("th:first-child,td:first-child{text-align:left}h2{margin-top:2rem}.muted{color:#616e7c}")
                .append(".legend span{display:inline-block;width:12px;height:12px;margin:0 .3rem 0 1rem;vertical-align:middle}")
                .append("</style></head><body>");
        h.append("<h1>AligNet run report</h1><p class=\"muted\">run <code>").append(SvgCharts.esc(r.path("workflowId").asText()))
                .append("</code> &middot; spec <code>").append(SvgCharts.esc(r.path("specDigest").asText()).substring(0, 12))
                .append("</code> &middot; preset ").append(SvgCharts.esc(r.path("preset").asText()))
                .append(" &middot; ").append(fmt(r.path("wallSeconds").asDouble(), 1)).append(" s</p>");

        JsonNode t = r.path("teacher");
        JsonNode labels = r.path("labels");
        if (t.isObject()) {
            h.append("<h2>Surrogate teacher (held-out human triplets)</h2><table><tr><th></th><th>before</th><th>after</th></tr>");
            row(h, "odd-one-out accuracy", t.path("humanTripletAccuracy"));
            row(h, "mean log-likelihood", t.path("logLikelihood"));
            row(h, "expected calibration error", t.path("expectedCalibrationError"));
            h.append("</table><p class=\"muted\">temperature ").append(fmt(t.path("temperature").asDouble(), 3))
                    .append(", ").append(t.path("epochs").asInt()).append(" epochs; ")
                    .append(labels.path("trainTriplets").asInt()).append(" training triplets labelled by it</p>");
        } else {
            h.append("<h2>Released labels</h2><p>No teacher ran in this run: the students distilled from ")
                    .append(labels.path("trainTriplets").asInt()).append(" imported triplets (<code>")
                    .append(SvgCharts.esc(labels.path("importPrefix").asText())).append("</code>, images <code>")
                    .append(SvgCharts.esc(labels.path("imagesPrefix").asText())).append("</code>).</p>");
        }

        JsonNode ceiling = r.path("humanCeiling");
        for (JsonNode s : r.path("students")) {
            String name = s.path("name").asText();
            h.append("<h2>Student ").append(SvgCharts.esc(name)).append("</h2>");
            h.append("<div class=\"legend\"><span style=\"background:").append(SvgCharts.BASELINE).append("\"></span>baseline")
                    .append("<span style=\"background:").append(SvgCharts.ALIGNED).append("\"></span>aligned")
                    .append("<span style=\"background:").append(SvgCharts.CEILING).append("\"></span>human-to-human ceiling</div>");
            h.append(SvgCharts.agreement(s.path("agreement"), s.path("intervals"), ceiling));
            h.append("<table><tr><th>level</th><th>baseline</th><th>aligned</th><th>95% CI (aligned)</th><th>ceiling</th></tr>");
            for (Iterator<String> it = s.path("agreement").path("aligned").fieldNames(); it.hasNext(); ) {
                String level = it.next();
                JsonNode ci = s.path("intervals").path("aligned").path(level);
                h.append("<tr><td>").append(SvgCharts.esc(level)).append("</td><td>")
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
            optionalRow(h, "entropy vs human reaction time (r)", s.path("reactionTimeCorrelation"),
                    "no reaction times in the data");
            optionalRow(h, "adversarially filtered probe accuracy (" + s.path("adversarialImages").asInt() + " images)",
                    s.path("adversarialProbeAccuracy"), "the filter left no images");
            for (Iterator<String> it = s.path("fewShotAccuracy").fieldNames(); it.hasNext(); ) {
                String shots = it.next();
                JsonNode f = s.path("fewShotAccuracy").path(shots);
                h.append("<tr><td>").append(SvgCharts.esc(shots)).append("-shot accuracy</td><td>")
                        .append(fmt(f.path("baseline").asDouble(), 3)).append("</td><td>")
                        .append(fmt(f.path("aligned").asDouble(), 3)).append("</td><td></td><td></td></tr>");
            }
            h.append("</table>");
            h.append("<h3>Training loss</h3>").append(SvgCharts.loss(s.path("lossCurve")));
        }

        h.append("<h2>Stages</h2><table><tr><th>stage</th><th>cached</th><th>seconds</th></tr>");
        for (JsonNode st : r.path("stages")) {
            h.append("<tr><td>").append(SvgCharts.esc(st.path("name").asText())).append("</td><td>")
                    .append(st.path("cached").asBoolean() ? "yes" : "no").append("</td><td>")
                    .append(fmt(st.path("seconds").asDouble(), 1)).append("</td></tr>");
        }
        h.append("</table></body></html>\n");
        return h.toString();
    }

    private static void row(StringBuilder h, String label, JsonNode beforeAfter) {
        h.append("<tr><td>").append(label).append("</td><td>").append(fmt(beforeAfter.path("before").asDouble(), 3))
                .append("</td><td>").append(fmt(beforeAfter.path("after").asDouble(), 3)).append("</td></tr>");
    }

    /** A baseline/aligned row, or the reason it is empty when the report has null there. */
    private static void optionalRow(StringBuilder h, String label, JsonNode baselineAligned, String whyAbsent) {
        h.append("<tr><td>").append(SvgCharts.esc(label)).append("</td>");
        if (baselineAligned.isObject()) {
            h.append("<td>").append(fmt(baselineAligned.path("baseline").asDouble(), 3)).append("</td><td>")
                    .append(fmt(baselineAligned.path("aligned").asDouble(), 3)).append("</td><td></td><td></td></tr>");
        } else {
            h.append("<td colspan=\"4\" class=\"muted\">").append(whyAbsent).append("</td></tr>");
        }
    }

    private static String fmt(double v, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", v);
    }

}
