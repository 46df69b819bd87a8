package ai.alignet.pipeline.report;

import java.util.List;
import java.util.Map;

/**
 * {@code report.json}: the contract of DESIGN.md and the foundation issue, plus extra detail.
 * {@code teacher} is null when the run distilled from released labels ({@code labels.source}).
 */
public record PipelineReport(
        String workflowId,
        String specDigest,
        String name,
        String preset,
        TeacherReport teacher,
        LabelsReport labels,
        Map<String, Double> humanCeiling,
        List<StudentReport> students,
        List<StageReport> stages,
        double wallSeconds) {}
