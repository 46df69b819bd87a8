package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;

public record ReportData(ArtifactRef reportJson, ArtifactRef reportHtml) {}
