package ai.alignet.ml.distill;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * On a two-core machine libtorch's default intra-op thread pool spins against the JVM and makes a
 * training step ~20x slower; one intra-op thread keeps training tests fast. (Worker processes set this
 * through the ai.djl.pytorch.num_threads system property instead.)
 */
final class TorchThreads {

    private TorchThreads() {}

    static void useOneIntraOpThread() {
        Engine.getEngine("PyTorch");
        JniUtils.setNumThreads(1);
    }
}
