package ai.alignet.pipeline.report;

/** The surrogate teacher on held-out human triplets: accuracy and calibration, before and after. */
public record TeacherReport(
        BeforeAfter humanTripletAccuracy,
        BeforeAfter logLikelihood,
        BeforeAfter expectedCalibrationError,
        double temperature,
        int epochs) {}
