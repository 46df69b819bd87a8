package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stage "prepare" (CPU): the data and the base models every later stage reads. */
@ActivityInterface
public interface PrepareActivities {

    WorldData generateWorld(WorldRequest request);

    BackboneData prepareBackbone(BackboneRequest request);
}
