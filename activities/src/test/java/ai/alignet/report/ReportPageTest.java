package ai.alignet.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReportPageTest {

    private static final String REPORT = """
            {"workflowId":"run-<1>","specDigest":"0123456789abcdef0123","preset":"synthetic-demo","wallSeconds":12.5,
             "teacher":{"humanTripletAccuracy":{"before":0.33,"after":0.5},"logLikelihood":{"before":-20,"after":-1},
                        "expectedCalibrationError":{"before":0.6,"after":0.04},"temperature":0.7,"epochs":64},
             "humanCeiling":{"coarse":0.75,"fine":0.72,"boundary":0.97},
             "students":[{"name":"student-a",
               "agreement":{"baseline":{"coarse":0.31,"fine":0.39},"aligned":{"coarse":0.62,"fine":0.41}},
               "intervals":{"aligned":{"coarse":{"n":200,"accuracy":0.62,"ciLow":0.545,"ciHigh":0.685}}},
               "shiftProbeAccuracy":{"baseline":0.77,"aligned":0.9},
               "uncertaintyCorrelation":{"baseline":0.07,"aligned":0.06},
               "fewShotAccuracy":{"1":{"baseline":0.41,"aligned":0.52},"10":{"baseline":0.7,"aligned":0.81}},
               "reactionTimeCorrelation":{"baseline":0.12,"aligned":0.34},
               "adversarialProbeAccuracy":{"baseline":0.25,"aligned":0.5},"adversarialImages":40,
               "lossCurve":[0.2,0.1,0.05]},
              {"name":"student-b","agreement":{"baseline":{},"aligned":{}},"reactionTimeCorrelation":null,
               "adversarialProbeAccuracy":null,"adversarialImages":0,"fewShotAccuracy":{},"lossCurve":[0.1]}],
             "stages":[{"name":"prepare","cached":true,"seconds":1.5}]}
            """;

    @Test
    void rendersEveryNumberAndOneBarPerModelAndLevel() {
        String html = ReportPage.render(REPORT);
        assertThat(html).contains("run-&lt;1&gt;").doesNotContain("run-<1>");
        assertThat(html).contains("<td>odd-one-out accuracy</td><td>0.330</td><td>0.500</td>");
        assertThat(html).contains("0.545 – 0.685");
        assertThat(html).contains("<td>shift probe accuracy</td><td>0.770</td><td>0.900</td>");
        assertThat(html).contains("<td>entropy vs human reaction time (r)</td><td>0.120</td><td>0.340</td>");
        assertThat(html).contains("<td>adversarially filtered probe accuracy (40 images)</td><td>0.250</td><td>0.500</td>");
        assertThat(html).contains("<td>1-shot accuracy</td><td>0.410</td><td>0.520</td>")
                .contains("<td>10-shot accuracy</td><td>0.700</td><td>0.810</td>");
        assertThat(html).contains("no reaction times in the data").contains("the filter left no images");
        // two levels x (baseline, aligned)
        assertThat(html.split("<rect ", -1)).hasSize(5);
        assertThat(html).contains("<polyline").contains("<td>prepare</td><td>yes</td><td>1.5</td>");
    }

    @Test
    void rejectsAReportThatIsNotJson() {
        assertThatThrownBy(() -> ReportPage.render("{not json")).hasMessageContaining("report is not valid JSON");
    }
}
