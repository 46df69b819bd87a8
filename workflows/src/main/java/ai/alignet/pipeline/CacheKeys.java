package ai.alignet.pipeline;

import ai.alignet.pipeline.spec.SpecDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Stage cache keys (DESIGN.md §4): sha256 of the stage name, its canonical parameters, the digests of
 * its input artifacts and the stage's code version. Pure, so workflows compute them deterministically.
 */
public final class CacheKeys {

    private CacheKeys() {}

    public static String of(String stage, Object parameters, List<ArtifactRef> inputs) {
        List<String> digests = new ArrayList<>();
        for (ArtifactRef ref : inputs) {
            digests.add(ref.sha256());
        }
        String material = stage + "\n" + StageVersions.of(stage) + "\n" + SpecDigest.canonicalJson(parameters) + "\n"
                + String.join(",", digests);
        return SpecDigest.sha256(material).substring(0, 32);
    }

    /**
     * A workflow id as one object-key segment. Ids are user input (the Temporal UI accepts any string);
     * one that is not plain letters, digits, '.', '_' and '-' is replaced by its digest, so it can never
     * leave its prefix.
     */
    public static String keySegment(String workflowId) {
        if (workflowId.matches("[A-Za-z0-9._-]{1,200}") && !workflowId.matches("\\.{1,2}")) {
            return workflowId;
        }
        return "id-" + SpecDigest.sha256(workflowId).substring(0, 32);
    }
}
