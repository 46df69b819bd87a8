package ai.alignet.worker;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The PyTorch engine as this pod sees it: loaded once at start, before the worker polls, so a pod whose
 * natives or GPU runtime are broken never takes an activity. DJL's default device is the first GPU the
 * container sees (the one {@code nvidia.com/gpu: 1} gave it), else the CPU.
 */
public record ComputeEngine(String name, String version, int gpus, Device defaultDevice) {

    public static ComputeEngine load() {
        Engine engine = Engine.getEngine("PyTorch");
        return new ComputeEngine(engine.getEngineName(), engine.getVersion(), engine.getGpuCount(), engine.defaultDevice());
    }

    /** Why this engine cannot serve GPU work, or null when it can. */
    public String problemFor(boolean gpuRequired) {
        if (gpuRequired && gpus == 0) {
            return "no GPU visible to " + name + " " + version + " (default device " + defaultDevice + "): check the pod's "
                    + "nvidia.com/gpu limit, the NVIDIA device plugin on the node, and that the image holds the CUDA "
                    + "natives (build with -Pgpu)";
        }
        return null;
    }
}
