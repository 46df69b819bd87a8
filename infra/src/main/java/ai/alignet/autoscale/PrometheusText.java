package ai.alignet.autoscale;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * The autoscaler's gauges and counters in the Prometheus text format, so a plain scrape of
 * {@code /metrics} works without pulling a Prometheus client library into infra.
 */
final class PrometheusText {

    private PrometheusText() {}

    static String render(MeterRegistry registry) {
        StringBuilder out = new StringBuilder();
        registry.getMeters().stream()
                .sorted(Comparator.comparing((Meter m) -> m.getId().getName()).thenComparing(m -> m.getId().getTags().toString()))
                .forEach(meter -> {
                    String labels = meter.getId().getTags().stream()
                            .map(t -> t.getKey().replace('.', '_') + "=\"" + escape(t.getValue()) + "\"")
                            .collect(Collectors.joining(",", "{", "}"));
                    String name = meter.getId().getName().replace('.', '_');
                    if (meter instanceof Counter c) {
                        out.append(name).append("_total").append(labels).append(' ').append(c.count()).append('\n');
                    } else if (meter instanceof Gauge g) {
                        out.append(name).append(labels).append(' ').append(g.value()).append('\n');
                    }
                });
        return out.toString();
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

}
