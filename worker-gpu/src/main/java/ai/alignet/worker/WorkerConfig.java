package ai.alignet.worker;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** Worker settings; Temporal and S3 connections come from the environment (TEMPORAL_ADDRESS, S3_*). */
@ConfigMapping(prefix = "alignet.worker")
public interface WorkerConfig {

    /** Task queues this pod polls. GPU pods poll alignet-gpu only. */
    @WithDefault("alignet-gpu")
    List<String> queues();

    /** GPU activities at once: one per GPU the pod holds, so a pod never takes more than fits. */
    @WithDefault("1")
    int gpuSlots();

    /**
     * Refuse to poll without a GPU (the image built with {@code -Pgpu} sets it): on a node without a
     * working GPU runtime the pod stays unready and says why, instead of running GPU stages on its CPU.
     */
    @WithDefault("false")
    boolean requireGpu();
}
