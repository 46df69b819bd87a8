package ai.alignet.pipeline;

import java.util.List;

/** The task queues of DESIGN.md §2. Workflows run on control; activities on cpu or gpu. */
public final class TaskQueues {

    public static final String CONTROL = "alignet-control";
    public static final String CPU = "alignet-cpu";
    public static final String GPU = "alignet-gpu";

    public static final List<String> ALL = List.of(CONTROL, CPU, GPU);

    private TaskQueues() {}
}
