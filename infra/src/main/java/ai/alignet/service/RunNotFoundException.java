package ai.alignet.service;

/** No run with this workflow id on the configured Temporal namespace. */
public final class RunNotFoundException extends RuntimeException {

    public RunNotFoundException(String workflowId) {
        super("no run with workflow id '" + workflowId + "'; list runs with GET /api/runs or ./alignet runs");
    }
}
