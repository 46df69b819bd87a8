package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

/**
 * The prepared synthetic world: image shards (WebDataset-style tar files), a catalog of every image's
 * category, the simulated people's training and held-out triplets (THINGS text format) and the
 * Levels-style evaluation triplets (CSV).
 */
public record WorldData(
        List<ArtifactRef> corpusShards,
        ArtifactRef thingsShard,
        ArtifactRef levelsShard,
        ArtifactRef catalog,
        ArtifactRef humanTrain,
        ArtifactRef humanHeldOut,
        ArtifactRef levelsTriplets,
        int corpusImages,
        int thingsImages,
        int levelsImages,
        StageTiming timing) {}
