package ai.alignet.stages;

import ai.alignet.ml.engine.IntraOpThreads;
import ai.alignet.pipeline.stages.StageContext;
import ai.alignet.runtime.PipelineMetrics;
import ai.alignet.storage.ArtifactStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Content-addressed stage results. A unit of work writes its artifacts under its context's prefix,
 * then its outcome (the activity's return value, which lists those artifacts) as {@code outcome.json}
 * LAST. An outcome that exists therefore means every artifact it names was written and verified; a
 * rerun or a retry returns it instead of recomputing, marked cached.
 */
final class StageCache {

    private static final Logger LOG = LoggerFactory.getLogger(StageCache.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ArtifactStore store;

    StageCache(ArtifactStore store) {
        this.store = store;
    }

    /**
     * Returns the stored outcome of this unit of work, or computes it. {@code compute} receives the
     * start time (nanoTime) so it can put its compute seconds into the outcome's timing.
     */
    <T> T getOrCompute(StageContext context, Class<T> type, Function<Long, T> compute) {
        String key = context.prefix() + "outcome.json";
        Optional<T> cached = read(key, type);
        if (cached.isPresent()) {
            LOG.info("event=stage_cache_hit run={} stage={} key={}", context.runId(), context.stage(), context.cacheKey());
            PipelineMetrics.stageComputed(context.stage(), true, 0);
            return cached.get();
        }
        long started = System.nanoTime();
        T outcome;
        // Stages whose work is one long call (k-means, a big shard's embedding) cannot beat themselves.
        // libtorch's thread count is per thread: set it here, not once at start-up (see IntraOpThreads).
        try (Heartbeats.KeepAlive alive = Heartbeats.keepAlive(context.stage());
                IntraOpThreads threads = IntraOpThreads.useConfigured()) {
            outcome = compute.apply(started);
        }
        PipelineMetrics.stageComputed(context.stage(), false, secondsSince(started));
        try {
            store.put(key, JSON.writeValueAsBytes(outcome));
        } catch (IOException e) {
            throw new IllegalStateException("cannot serialise the outcome of stage " + context.stage(), e);
        }
        return outcome;
    }

    private <T> Optional<T> read(String key, Class<T> type) {
        return store.stat(key).map(ref -> {
            try {
                JsonNode tree = JSON.readTree(store.get(ref));
                if (tree.get("timing") instanceof ObjectNode timing) {
                    timing.put("cached", true);
                    timing.put("seconds", 0.0);
                }
                return JSON.treeToValue(tree, type);
            } catch (IOException e) {
                // An unreadable outcome is as good as none: recompute and overwrite it.
                LOG.warn("event=stage_cache_unreadable key={} reason={}", key, e.getMessage());
                return null;
            }
        });
    }

    static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
