package ai.alignet.service;

import java.util.List;

/**
 * The teacher's corpus embeddings projected to 2-D, before and after alignment, with each point's
 * superordinate category: enough to see objects regroup by meaning.
 *
 * @param labels index into {@code categories} for each point
 * @param before one [x, y] per point, raw teacher embeddings
 * @param after  one [x, y] per point, the same images after the fitted transform
 */
public record EmbeddingMap(String method, List<String> categories, int[] labels, double[][] before, double[][] after) {}
