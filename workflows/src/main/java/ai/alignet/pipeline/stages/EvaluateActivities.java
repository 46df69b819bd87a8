package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stage "evaluate": agreement with people, calibration and shift robustness; then the report. */
@ActivityInterface
public interface EvaluateActivities {

    StudentEvaluation evaluateStudent(EvaluateRequest request);

    ReportData writeReport(ReportRequest request);
}
