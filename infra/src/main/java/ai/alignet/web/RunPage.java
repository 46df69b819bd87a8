package ai.alignet.web;

import ai.alignet.pipeline.StageProgress;
import ai.alignet.report.SvgCharts;
import ai.alignet.service.EmbeddingMaps;
import ai.alignet.service.LineageStep;
import ai.alignet.service.RunDetails;
import ai.alignet.service.RunService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run: progress bars per stage (the page reloads itself every 3 s while the run is live), then,
 * once the report exists, loss curves, agreement by level with the human ceiling, the teacher's
 * calibration, the embedding map, and the lineage of every artifact.
 */
@ApplicationScoped
public class RunPage {

    private static final Logger LOG = LoggerFactory.getLogger(RunPage.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    RunService runs;

    @Inject
    EmbeddingMaps maps;

    String render(String workflowId) {
        RunDetails d = runs.describe(workflowId);
        boolean live = d.run().status().equals("running");
        StringBuilder h = new StringBuilder();
        h.append("<h1>Run <code>").append(SvgCharts.esc(workflowId)).append("</code></h1>");
        h.append("<p><span id=\"run-status\" class=\"status-").append(SvgCharts.esc(d.run().status())).append("\">")
                .append(SvgCharts.esc(d.run().status())).append("</span> · teacher ").append(SvgCharts.esc(d.run().teacher()))
                .append(" · students ").append(SvgCharts.esc(d.run().student())).append(" · ").append(d.cachedStages())
                .append(" stages from cache").append(live ? " · <span class=\"muted\">refreshing every 3 s</span>" : "")
                .append(" · <a href=\"/api/runs/").append(SvgCharts.esc(workflowId)).append("\">JSON</a>");
        if (d.reportHtml() != null) {
            h.append(" · <a href=\"/api/runs/").append(SvgCharts.esc(workflowId)).append("/report?format=html\">report</a>");
        }
        h.append("</p>");
        if (d.failure() != null) {
            h.append("<p class=\"error\" id=\"failure\">").append(SvgCharts.esc(d.failure())).append("</p>");
        }
        progress(h, d);
        List<LineageStep> steps = runs.lineage(workflowId);
        if (d.report() != null) {
            charts(h, d.report());
            embeddingMap(h, workflowId, steps);
        } else {
            h.append("<p class=\"muted\">charts appear when the run has completed</p>");
        }
        lineage(h, steps);
        return Layout.page("run " + workflowId, h.toString(), live);
    }

    private static void progress(StringBuilder h, RunDetails d) {
        h.append("<h2>Stages</h2>");
        if (d.progress() == null) {
            h.append("<p class=\"muted\">progress unavailable: no worker is serving queries for this run</p>");
            return;
        }
        h.append("<table id=\"stages\"><tr><th>stage</th><th>progress</th><th>units</th><th>status</th><th>seconds</th></tr>");
        for (StageProgress s : d.progress().stages()) {
            int percent = s.total() == 0 ? (s.status().equals("done") ? 100 : 0) : 100 * s.done() / s.total();
            h.append("<tr class=\"stage\" data-stage=\"").append(SvgCharts.esc(s.name())).append("\" data-status=\"")
                    .append(SvgCharts.esc(s.status())).append("\"><td>").append(SvgCharts.esc(s.name()))
                    .append("</td><td><div class=\"progress ").append(SvgCharts.esc(s.status())).append("\" role=\"progressbar\" ")
                    .append("aria-valuenow=\"").append(percent).append("\" aria-valuemin=\"0\" aria-valuemax=\"100\">")
                    .append("<div style=\"width:").append(percent).append("%\"></div></div></td><td>").append(s.done())
                    .append("/").append(s.total()).append("</td><td>").append(SvgCharts.esc(s.status()))
                    .append(s.cached() ? " (cached)" : "").append("</td><td>")
                    .append(SvgCharts.fmt("%.1f", s.seconds())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private void charts(StringBuilder h, JsonNode report) {
        JsonNode ceiling = report.path("humanCeiling");
        h.append("<h2>Agreement with people, by abstraction level</h2>");
        h.append(SvgCharts.legend(List.of("baseline", "aligned", "human-to-human ceiling"),
                List.of(SvgCharts.BASELINE, SvgCharts.ALIGNED, SvgCharts.CEILING)));
        h.append("<div class=\"grid\">");
        for (JsonNode s : report.path("students")) {
            h.append("<div class=\"card\"><h3>").append(SvgCharts.esc(s.path("name").asText())).append("</h3>")
                    .append(SvgCharts.agreement(s.path("agreement"), ceiling)).append("</div>");
        }
        h.append("</div><h2>Training loss</h2><div class=\"grid\">");
        for (JsonNode s : report.path("students")) {
            h.append("<div class=\"card\"><h3>").append(SvgCharts.esc(s.path("name").asText())).append(" · ")
                    .append(s.path("steps").asInt()).append(" steps</h3>").append(SvgCharts.loss(s.path("lossCurve")))
                    .append("</div>");
        }
        h.append("</div><h2>Teacher calibration (held-out human triplets)</h2><div class=\"grid\"><div class=\"card\">");
        if (report.path("teacher").isObject()) {
            h.append(SvgCharts.calibration(report.path("teacher")))
                    .append(SvgCharts.fmt("<p class=\"muted\">temperature %.3f · %d epochs</p>",
                            report.path("teacher").path("temperature").asDouble(), report.path("teacher").path("epochs").asInt()));
        } else {
            h.append("<p>No teacher in this run: it distilled from released labels (<code>")
                    .append(SvgCharts.esc(report.path("labels").path("importPrefix").asText())).append("</code>).</p>");
        }
        h.append("</div><div class=\"card\"><table><tr><th>student</th><th>metric</th><th>baseline</th><th>aligned</th></tr>");
        for (JsonNode s : report.path("students")) {
            String name = SvgCharts.esc(s.path("name").asText());
            metricRow(h, name, "entropy vs human uncertainty (r)", s.path("uncertaintyCorrelation"));
            metricRow(h, name, "entropy vs reaction time (r)", s.path("reactionTimeCorrelation"));
            for (var shots = s.path("fewShotAccuracy").fields(); shots.hasNext(); ) {
                var entry = shots.next();
                metricRow(h, name, entry.getKey() + "-shot accuracy", entry.getValue());
            }
            metricRow(h, name, "filtered probe (" + s.path("adversarialImages").asInt() + " images)",
                    s.path("adversarialProbeAccuracy"));
        }
        h.append("</table></div></div>");
    }

    /** One baseline/aligned row; a metric the run's data could not give (null) shows as a dash. */
    private static void metricRow(StringBuilder h, String student, String metric, JsonNode pair) {
        h.append("<tr><td>").append(student).append("</td><td>").append(SvgCharts.esc(metric)).append("</td>");
        for (String side : new String[] {"baseline", "aligned"}) {
            JsonNode v = pair.path(side);
            h.append("<td>").append(v.isNumber() ? SvgCharts.fmt("%.3f", v.asDouble()) : "–").append("</td>");
        }
        h.append("</tr>");
    }

    private void embeddingMap(StringBuilder h, String workflowId, List<LineageStep> steps) {
        h.append("<h2>Embedding space before and after alignment</h2>");
        try {
            var map = maps.of(workflowId, steps);
            if (map.isEmpty()) {
                h.append("<p class=\"muted\">no embedding map for this run (its embeddings are not in the store, "
                        + "or too large to project on demand)</p>");
                return;
            }
            JsonNode json = JSON.valueToTree(map.get());
            List<String> categories = map.get().categories();
            h.append("<div class=\"card\">").append(SvgCharts.legend(categories, SvgCharts.categoryColours(categories.size())))
                    .append(SvgCharts.embeddingMap(json)).append("<p class=\"muted\">teacher's corpus embeddings, ")
                    .append(SvgCharts.esc(map.get().method())).append(", coloured by superordinate category</p></div>");
        } catch (RuntimeException e) {
            LOG.warn("event=embedding_map_failed workflowId={} reason=\"{}\"", workflowId, e.getMessage());
            h.append("<p class=\"error\">embedding map unavailable: ").append(SvgCharts.esc(e.getMessage())).append("</p>");
        }
    }

    private void lineage(StringBuilder h, List<LineageStep> steps) {
        h.append("<h2>Lineage</h2><p class=\"muted\">every unit of stage work: what it read and what it wrote "
                + "(also GET /api/runs/{id}/artifacts and ./alignet lineage)</p>");
        h.append("<table class=\"lineage\" id=\"lineage\"><tr><th>stage</th><th>activity</th><th>cache key</th>"
                + "<th>wrote</th><th>read</th></tr>");
        for (LineageStep s : steps) {
            h.append("<tr><td>").append(SvgCharts.esc(s.stage())).append(s.cached() ? " (cached)" : "").append("</td><td>")
                    .append(SvgCharts.esc(s.activity())).append("</td><td>")
                    .append(SvgCharts.esc(s.cacheKey().length() > 12 ? s.cacheKey().substring(0, 12) : s.cacheKey()))
                    .append("</td><td>");
            for (LineageStep.Output o : s.outputs()) {
                h.append(SvgCharts.esc(o.name())).append(": ").append(SvgCharts.esc(o.ref().key())).append("<br>");
            }
            h.append("</td><td>").append(s.inputs().size()).append(" artifacts</td></tr>");
        }
        h.append("</table>");
    }
}
