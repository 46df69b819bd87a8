package ai.alignet.service;

import ai.alignet.formats.Catalog;
import ai.alignet.formats.EmbeddingFile;
import ai.alignet.ml.data.EmbeddingMatrix;
import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.storage.ArtifactStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds a run's embedding map from artifacts the run already stored, found through its lineage: the
 * raw corpus embeddings (embed stage), the aligned ones (cluster stage) and the catalog (prepare).
 * Computed on first view and kept in memory; a finished run's artifacts never change. Runs whose
 * embeddings exceed {@link #MAX_BYTES} get no map (projecting them belongs in the pipeline itself).
 */
@ApplicationScoped
public class EmbeddingMaps {

    static final long MAX_BYTES = 64L * 1024 * 1024;
    static final int MAX_POINTS = 600;

    @Inject
    ArtifactAccess artifacts;

    private final Map<String, EmbeddingMap> cache = new ConcurrentHashMap<>();

    public Optional<EmbeddingMap> of(String workflowId, List<LineageStep> steps) {
        EmbeddingMap cached = cache.get(workflowId);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<EmbeddingMap> built = build(steps, artifacts.store());
        built.ifPresent(m -> cache.put(workflowId, m));
        return built;
    }

    static Optional<EmbeddingMap> build(List<LineageStep> steps, ArtifactStore store) {
        LineageStep cluster = steps.stream().filter(s -> s.stage().equals("cluster")).findFirst().orElse(null);
        Optional<ArtifactRef> catalogRef = steps.stream().filter(s -> s.stage().equals("prepare"))
                .flatMap(s -> s.outputs().stream()).filter(o -> o.name().equals("catalog")).map(LineageStep.Output::ref)
                .findFirst();
        if (cluster == null || catalogRef.isEmpty()) {
            return Optional.empty();
        }
        Optional<ArtifactRef> alignedRef = cluster.outputs().stream().filter(o -> o.name().equals("alignedEmbeddings"))
                .map(LineageStep.Output::ref).findFirst();
        List<ArtifactRef> raw = new ArrayList<>();
        for (ArtifactRef in : cluster.inputs()) {
            boolean fromEmbed = steps.stream().anyMatch(s -> s.stage().equals("embed")
                    && s.outputs().stream().anyMatch(o -> o.ref().key().equals(in.key())));
            if (fromEmbed) {
                raw.add(in);
            }
        }
        if (alignedRef.isEmpty() || raw.isEmpty()) {
            return Optional.empty();
        }
        long bytes = alignedRef.get().size() + raw.stream().mapToLong(ArtifactRef::size).sum();
        if (bytes > MAX_BYTES) {
            return Optional.empty();
        }
        List<EmbeddingMatrix> parts = new ArrayList<>();
        for (ArtifactRef r : raw) {
            parts.add(EmbeddingFile.decode(store.get(r), r.key()));
        }
        EmbeddingMatrix before = EmbeddingFile.concat(parts);
        EmbeddingMatrix after = EmbeddingFile.decode(store.get(alignedRef.get()), alignedRef.get().key());
        Catalog catalog = Catalog.fromJson(store.get(catalogRef.get()), catalogRef.get().key());
        int[] superordinates = Catalog.superordinates(catalog.corpus());
        int n = Math.min(Math.min(before.rows(), after.rows()), superordinates.length);
        if (n == 0) {
            return Optional.empty();
        }
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int[] rows = new int[(n + step - 1) / step];
        int[] labels = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = i * step;
            labels[i] = superordinates[rows[i]];
        }
        List<String> names = new ArrayList<>();
        for (Catalog.Category c : catalog.categories()) {
            while (names.size() <= c.superordinate()) {
                names.add("category " + names.size());
            }
            names.set(c.superordinate(), c.superordinateName());
        }
        return Optional.of(new EmbeddingMap("first two principal components, each space on its own",
                names, labels, EmbeddingProjection.pca2(before, rows), EmbeddingProjection.pca2(after, rows)));
    }
}
