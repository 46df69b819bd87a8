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
}
