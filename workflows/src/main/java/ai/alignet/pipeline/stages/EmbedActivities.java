package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stage "embed" (GPU): one image shard through one backbone, every image exactly once. */
@ActivityInterface
public interface EmbedActivities {

    EmbedData embedShard(EmbedRequest request);
}
