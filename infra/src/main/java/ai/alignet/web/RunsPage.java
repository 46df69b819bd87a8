package ai.alignet.web;

import ai.alignet.report.SvgCharts;
import ai.alignet.service.RunFilter;
import ai.alignet.service.RunSummary;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The runs list: one row per run with its search attributes, and a filter form. */
final class RunsPage {

    private RunsPage() {}

    static String render(List<RunSummary> runs, RunFilter filter, String problem) {
        StringBuilder h = new StringBuilder("<h1>Runs</h1>");
        h.append("<form method=\"get\" action=\"/\">");
        field(h, "teacher", filter.teacher());
        field(h, "student", filter.student());
        field(h, "stage", filter.stage());
        field(h, "specDigest", filter.specDigest());
        field(h, "status", filter.status());
        h.append("<button type=\"submit\">filter</button></form>");
        if (problem != null) {
            h.append("<p class=\"error\">").append(SvgCharts.esc(problem)).append("</p>");
        }
        h.append("<table id=\"runs\"><tr><th>run</th><th>status</th><th>stage</th><th>teacher</th><th>student</th>"
                + "<th>spec</th><th>started</th></tr>");
        for (RunSummary r : runs) {
            h.append("<tr><td><a href=\"/runs/").append(URLEncoder.encode(r.workflowId(), StandardCharsets.UTF_8))
                    .append("\">").append(SvgCharts.esc(r.workflowId())).append("</a></td><td>").append(SvgCharts.esc(r.status()))
                    .append("</td><td>").append(SvgCharts.esc(r.stage())).append("</td><td>").append(SvgCharts.esc(r.teacher()))
                    .append("</td><td>").append(SvgCharts.esc(r.student())).append("</td><td><code>")
                    .append(SvgCharts.esc(r.specDigest() == null ? "" : r.specDigest().substring(0, Math.min(12, r.specDigest().length()))))
                    .append("</code></td><td>").append(SvgCharts.esc(r.startTime())).append("</td></tr>");
        }
        h.append("</table>");
        if (runs.isEmpty() && problem == null) {
            h.append("<p class=\"muted\">no runs match; start one with POST /api/runs, ./alignet run or the Temporal UI</p>");
        }
        return Layout.page("runs", h.toString(), false);
    }

    private static void field(StringBuilder h, String name, String value) {
        h.append("<label>").append(name).append(" <input name=\"").append(name).append("\" size=\"12\" value=\"")
                .append(SvgCharts.esc(value == null ? "" : value)).append("\"></label> ");
    }
}
