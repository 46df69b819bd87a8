package ai.alignet.ml.engine;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * libtorch's autograd switch is per thread and starts ON for every new thread; DJL turns it off only
 * on the thread that loaded the engine. Worker threads (Temporal's activity executors) therefore start
 * with it on, and a gradient collector restores "on" when it closes — after which an optimiser's
 * in-place parameter update fails ("a leaf Variable that requires grad is being used in an in-place
 * operation"). Every ML entry point calls {@link #enterOnThisThread()} first.
 */
public final class InferenceMode {

    private InferenceMode() {}

    /** Turns autograd recording off for the calling thread (a no-op on engines other than PyTorch). */
    public static void enterOnThisThread() {
        if ("PyTorch".equals(Engine.getInstance().getEngineName())) {
            JniUtils.setGradMode(false);
        }
    }
}
