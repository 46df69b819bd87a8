package ai.alignet.pipeline.stages;

/**
 * Who asks for a piece of stage work and where its outputs live. Outputs are content-addressed by
 * {@code cacheKey}, so a rerun of the same work (same stage, parameters, inputs and code version)
 * finds them already written and skips the computation.
 */
public record StageContext(String runId, String stage, String cacheKey, String specDigest) {

    /** The object-store prefix that holds this unit of work's outputs and manifest. */
    public String prefix() {
        return "stages/" + stage + "/" + cacheKey + "/";
    }
}
