package ai.alignet.bench;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/** Sets libtorch's intra-op thread count for a benchmark, so ours and the reference use the same cores. */
final class TorchThreads {

    private TorchThreads() {}

    static void use(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setNumThreads(threads);
        }
    }
}
