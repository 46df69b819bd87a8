package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stages "cluster" and "label" (CPU): k-means over aligned embeddings, then scored triplets. */
@ActivityInterface
public interface LabelActivities {

    ClusterData cluster(ClusterRequest request);

    LabelData label(LabelRequest request);
}
