package ai.alignet.service;

/** One run in a list: its identity, state and the search attributes it upserted. */
public record RunSummary(
        String workflowId,
        String status,
        String stage,
        String teacher,
        String student,
        String specDigest,
        String startTime,
        String closeTime) {}
