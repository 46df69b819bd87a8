package ai.alignet.ml.data;

/**
 * Whether the JVM turns {@link Math#fma} (and the vector module's lanewise fma) into one fused
 * multiply-add instruction. The row kernels add products of two floats, which are exact in double (48
 * significant bits), so {@code fma(x, y, s)} rounds exactly once, as {@code s + x * y} does: the sums
 * are bit-identical either way, and one instruction per product instead of two is faster. Without the
 * intrinsic (CPUs without FMA) fma is a slow software routine, so the kernels use the plain form.
 */
final class FusedMultiplyAdd {

    static final boolean INTRINSIC = isIntrinsic();

    private FusedMultiplyAdd() {}

    private static boolean isIntrinsic() {
        try {
            var hotspot = java.lang.management.ManagementFactory.getPlatformMXBean(
                    com.sun.management.HotSpotDiagnosticMXBean.class);
            return hotspot != null && Boolean.parseBoolean(hotspot.getVMOption("UseFMA").getValue());
        } catch (RuntimeException notHotSpot) {
            return false;
        }
    }
}
