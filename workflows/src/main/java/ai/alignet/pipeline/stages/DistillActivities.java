package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stage "distill" (GPU): fine-tune one student on the teacher's labels, checkpointing as it goes. */
@ActivityInterface
public interface DistillActivities {

    DistillData distill(DistillRequest request);
}
