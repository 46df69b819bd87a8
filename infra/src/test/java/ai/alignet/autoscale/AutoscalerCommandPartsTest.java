package ai.alignet.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AutoscalerCommandPartsTest {

    @Test
    void parsesPoolsWithAndWithoutTheirOwnBounds() {
        assertThat(PoolSpec.parse("alignet-gpu=worker-gpu")).isEqualTo(new PoolSpec("alignet-gpu", "worker-gpu", null, null));
        assertThat(PoolSpec.parse("alignet-gpu-h100=worker-gpu-h100:1:8"))
                .isEqualTo(new PoolSpec("alignet-gpu-h100", "worker-gpu-h100", 1, 8));
    }

    @Test
    void rejectsAMalformedPoolWithAnExample() {
        assertThatThrownBy(() -> PoolSpec.parse("alignet-gpu:worker-gpu"))
                .hasMessageContaining("queue=deployment[:min:max]").hasMessageContaining("alignet-gpu=worker-gpu");
    }

    @Test
    void rendersGaugesAndCountersAsPrometheusText() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        Tags tags = Tags.of("queue", "alignet-gpu");
        meters.gauge("alignet.autoscaler.backlog", tags, new AtomicLong(7));
        Counter.builder("alignet.autoscaler.decisions").tags(tags).tag("reason", "SCALE_UP").register(meters).increment(2);

        assertThat(PrometheusText.render(meters).lines()).containsExactly(
                "alignet_autoscaler_backlog{queue=\"alignet-gpu\"} 7.0",
                "alignet_autoscaler_decisions_total{queue=\"alignet-gpu\",reason=\"SCALE_UP\"} 2.0");
    }
}
