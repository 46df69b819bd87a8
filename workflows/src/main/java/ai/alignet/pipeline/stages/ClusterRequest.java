package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import java.util.List;

public record ClusterRequest(
        StageContext context, ArtifactRef transform, List<ArtifactRef> corpusEmbeddings, int clusters, long seed) {}
