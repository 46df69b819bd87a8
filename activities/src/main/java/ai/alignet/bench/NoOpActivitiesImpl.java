package ai.alignet.bench;

public class NoOpActivitiesImpl implements NoOpActivities {

    @Override
    public int echo(int value) {
        return value;
    }
}
