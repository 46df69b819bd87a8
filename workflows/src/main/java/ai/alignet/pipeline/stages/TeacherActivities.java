package ai.alignet.pipeline.stages;

import io.temporal.activity.ActivityInterface;

/** Stage "teacher" (GPU): fit the affine transform and temperature to human triplets. */
@ActivityInterface
public interface TeacherActivities {

    TeacherData fitTeacher(TeacherRequest request);
}
