package ai.alignet.service;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

/**
 * One unit of stage work in a run, as its history records it: which activity ran, under which stage
 * and cache key, which artifacts it read and which it wrote (named by where they sit in its result,
 * e.g. {@code model} or {@code corpusShards[0]}).
 */
public record LineageStep(
        String activity, String stage, String cacheKey, boolean cached, List<ArtifactRef> inputs, List<Output> outputs) {

    public record Output(String name, ArtifactRef ref) {}
}
