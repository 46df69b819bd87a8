package ai.alignet.bench;

import io.temporal.activity.ActivityInterface;

/** An activity that does nothing, so its round trip is pure orchestration cost. */
@ActivityInterface
public interface NoOpActivities {

    int echo(int value);
}
