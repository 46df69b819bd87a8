package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/**
 * Stage "import" (CPU), only in runs that distil from released labels: the imported label shards and
 * the images they name, packed into image shards in the labels' image order.
 */
@ActivityInterface
public interface ImportActivities {

    ReleasedLabelsData importReleasedLabels(ReleasedLabelsRequest request);
}
