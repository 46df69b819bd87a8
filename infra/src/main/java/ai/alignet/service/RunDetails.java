package ai.alignet.service;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.Progress;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One run, described: its state, the progress query's answer (null when no worker answers queries),
 * the stages served from cache, its failure (null unless it failed) and, once completed, its report.
 */
public record RunDetails(
        RunSummary run,
        Progress progress,
        int cachedStages,
        String failure,
        ArtifactRef reportJson,
        ArtifactRef reportHtml,
        JsonNode report) {}
