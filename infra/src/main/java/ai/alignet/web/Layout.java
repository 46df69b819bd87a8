package ai.alignet.web;

import ai.alignet.report.SvgCharts;
/** The frame around every page: title, style sheet, optional auto-refresh while a run is live. */
final class Layout {

    private static final String STYLE = "body{font-family:system-ui,sans-serif;margin:0 auto;padding:1rem 1.5rem;"
            + "max-width:1220px;color:#1f2933}h1{font-size:1.4rem}h2{font-size:1.1rem;margin-top:1.6rem}"
            + "table{border-collapse:collapse;margin:.5rem 0 1rem;font-size:.9rem}td,th{border:1px solid #cbd2d9;"
            + "padding:.25rem .5rem;text-align:left;vertical-align:top}code{font-size:.85em}.muted{color:#616e7c}"
            + ".error{color:#b42318}.grid{display:grid;grid-template-columns:repeat(2,minmax(0,1fr));gap:1rem}"
            + ".card{border:1px solid #e4e7eb;border-radius:6px;padding:.6rem .8rem;overflow-x:auto}"
            + ".progress{background:#e4e7eb;border-radius:4px;height:14px;width:260px;display:inline-block;"
            + "vertical-align:middle}.progress>div{height:14px;border-radius:4px;background:#2a6fdb}"
            + ".progress.done>div{background:#3f9142}.progress.failed>div{background:#d9534f}"
            + ".legend span{display:inline-block;width:12px;height:12px;margin:0 .3rem 0 .8rem;vertical-align:middle}"
            + ".lineage td{font-family:ui-monospace,monospace;font-size:.8rem;word-break:break-all}"
            + "svg.chart{max-width:100%;height:auto}nav a{margin-right:1rem}";

    private Layout() {}

    static String page(String title, String body, boolean autoRefresh) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><link rel=\"icon\" href=\"data:,\">"
                + (autoRefresh ? "<meta http-equiv=\"refresh\" content=\"3\">" : "")
                + "<title>" + SvgCharts.esc(title) + " · AligNet Flow</title><style>" + STYLE + "</style></head><body>"
                + "<nav><a href=\"/\">AligNet Flow · runs</a></nav>" + body + "</body></html>\n";
    }
}
