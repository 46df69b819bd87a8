package ai.alignet.ml.teacher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TemperatureFitTest {

    @Test
    void recoversTheTemperatureThatGeneratedTheChoices() {
        double trueTemperature = 2.5;
        Random random = new Random(17);
        int n = 6000;
        double[][] observed = new double[n][];
        for (int row = 0; row < n; row++) {
            double[] logits = {random.nextGaussian() * 4, random.nextGaussian() * 4, random.nextGaussian() * 4};
            double[] p = new double[3];
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                p[c] = Math.exp(logits[c] / trueTemperature);
                sum += p[c];
            }
            double u = random.nextDouble() * sum;
            int chosen = u < p[0] ? 0 : u < p[0] + p[1] ? 1 : 2;
            // The chosen pair goes first, as TemperatureFit expects.
            observed[row] = new double[] {logits[chosen], logits[(chosen + 1) % 3], logits[(chosen + 2) % 3]};
        }
        assertThat(TemperatureFit.fit(observed)).isCloseTo(trueTemperature, within(0.15 * trueTemperature));
    }

    @Test
    void repeatedJudgementsMatchTheirEmpiricalChoiceShare() {
        // One triplet with logits (1, 0, 0) judged 10 times: the pair chosen 6 times, each other pair twice.
        // MLE: softmax(1/T, 0, 0)[0] = 0.6 -> e^(1/T) / (e^(1/T) + 2) = 0.6 -> 1/T = ln 3.
        double[][] observed = new double[10][];
        for (int n = 0; n < 10; n++) {
            observed[n] = n < 6 ? new double[] {1, 0, 0} : new double[] {0, 1, 0};
        }
        assertThat(TemperatureFit.fit(observed)).isCloseTo(1 / Math.log(3), within(1e-4));
    }
}
