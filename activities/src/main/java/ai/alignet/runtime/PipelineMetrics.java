package ai.alignet.runtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pipeline's own work looks like from outside: images embedded, distillation steps, the
 * latest loss, the age of the newest checkpoint, compute time per stage. Recorded on Micrometer's
 * global registry so that the ML code needs no wiring; the worker process adds its Prometheus
 * registry there ({@code /q/metrics}). Rates (images/s, steps/s) are {@code rate()} of the counters.
 */
public final class PipelineMetrics {

    private static final MeterRegistry REGISTRY = Metrics.globalRegistry;
    private static final Map<String, AtomicLong> LOSS_BITS = new ConcurrentHashMap<>();
    private static final Map<String, AtomicLong> LAST_CHECKPOINT_MILLIS = new ConcurrentHashMap<>();

    private PipelineMetrics() {}

    public static void imagesEmbedded(String stage, int images) {
        Counter.builder("alignet.images.embedded").description("images run through a backbone")
                .tag("stage", stage).register(REGISTRY).increment(images);
    }

    public static void distillStep(String student, double loss) {
        Counter.builder("alignet.distill.steps").description("distillation steps finished")
                .tag("student", student).register(REGISTRY).increment();
        LOSS_BITS.computeIfAbsent(student, s -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(Double.NaN));
            Gauge.builder("alignet.distill.loss", bits, b -> Double.longBitsToDouble(b.get()))
                    .description("the latest distillation loss").tag("student", s).register(REGISTRY);
            return bits;
        }).set(Double.doubleToLongBits(loss));
    }

    public static void checkpointSaved(String student) {
        LAST_CHECKPOINT_MILLIS.computeIfAbsent(student, s -> {
            AtomicLong millis = new AtomicLong();
            Gauge.builder("alignet.checkpoint.age.seconds", millis, m -> (System.currentTimeMillis() - m.get()) / 1000.0)
                    .description("seconds since this student's newest checkpoint").tag("student", s).register(REGISTRY);
            return millis;
        }).set(System.currentTimeMillis());
    }

    public static void stageComputed(String stage, boolean cached, double seconds) {
        Timer.builder("alignet.stage.compute").description("compute time of one unit of stage work")
                .tag("stage", stage).tag("cached", Boolean.toString(cached)).register(REGISTRY)
                .record(Duration.ofNanos((long) (seconds * 1e9)));
    }
}
