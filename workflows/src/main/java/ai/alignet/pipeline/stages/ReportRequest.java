package ai.alignet.pipeline.stages;

/** The report, already assembled by the workflow as JSON; the activity stores it and renders HTML. */
public record ReportRequest(StageContext context, String reportJson) {}
