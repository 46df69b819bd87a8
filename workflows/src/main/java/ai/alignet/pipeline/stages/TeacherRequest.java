package ai.alignet.pipeline.stages;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.pipeline.spec.TeacherSpec;
import java.util.List;

public record TeacherRequest(
        StageContext context,
        TeacherSpec teacher,
        ArtifactRef thingsEmbeddings,
        List<ArtifactRef> corpusEmbeddings,
        ArtifactRef humanTrain,
        ArtifactRef humanHeldOut,
        long seed) {}
