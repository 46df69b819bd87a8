package ai.alignet.ml.data;

import java.util.Optional;

/**
 * Picks the {@link RowDots} kernel once per JVM. The SIMD kernel needs the incubating module
 * {@code jdk.incubator.vector} ({@code java --add-modules jdk.incubator.vector}, as {@code ./alignet},
 * the container images and the tests start Java); without it, or on CPUs with narrower vectors, the
 * scalar kernel gives the same numbers, more slowly. {@code -Dalignet.rowDots=scalar} forces the scalar
 * kernel (for comparisons).
 */
final class RowDotsChoice {

    static final RowDots FASTEST = choose();

    private RowDotsChoice() {}

    private static RowDots choose() {
        if ("scalar".equals(System.getProperty("alignet.rowDots"))) {
            return new ScalarRowDots();
        }
        return vectorKernel().orElseGet(ScalarRowDots::new);
    }

    /**
     * The SIMD kernel, if this JVM can run it fast. Loaded by name only once the module is known to be
     * there: a direct reference would fail to link without it.
     */
    private static Optional<RowDots> vectorKernel() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return Optional.empty();
        }
        try {
            return ((Optional<?>) Class.forName("ai.alignet.ml.data.VectorRowDots").getMethod("forThisCpu").invoke(null))
                    .map(RowDots.class::cast);
        } catch (ReflectiveOperationException | LinkageError e) {
            return Optional.empty();
        }
    }
}
