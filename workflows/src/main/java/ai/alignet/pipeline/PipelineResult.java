package ai.alignet.pipeline;

/** What a finished run returns: where its report lives, and the report itself (a few KB of JSON). */
public record PipelineResult(
        String workflowId, String specDigest, ArtifactRef reportJson, ArtifactRef reportHtml, String report) {}
