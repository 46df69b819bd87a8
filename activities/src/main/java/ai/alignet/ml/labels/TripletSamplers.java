package ai.alignet.ml.labels;

import java.util.Arrays;
import java.util.List;

/** The triplet sampling variants of DESIGN.md §3, by the names a pipeline spec uses. */
public final class TripletSamplers {

    static final String CLUSTER_BORDER_PREFIX = "cluster_border_";
    static final List<String> NAMES = List.of("random", "class_border", "within_class", CLUSTER_BORDER_PREFIX + "<k>");

    private TripletSamplers() {}

    /**
     * "random": three items from three different classes; "class_border": two from one class, one from
     * another; "within_class": all three from one class; "cluster_border_&lt;k&gt;": two from one k-means
     * cluster, one from another, where k must equal the number of distinct clusters in
     * {@code clusterAssignments}. The labels array a variant does not use may be null.
     */
    public static TripletSampler forName(String name, int[] classLabels, int[] clusterAssignments) {
        if (name == null) {
            throw new IllegalArgumentException("triplet sampler name is null; valid names: " + NAMES);
        }
        return switch (name) {
            case "random" -> new GroupTripletSampler(requireLabels(name, "classLabels", classLabels), GroupTripletSampler.Shape.THREE_GROUPS);
            case "class_border" -> new GroupTripletSampler(requireLabels(name, "classLabels", classLabels), GroupTripletSampler.Shape.BORDER);
            case "within_class" -> new GroupTripletSampler(requireLabels(name, "classLabels", classLabels), GroupTripletSampler.Shape.WITHIN);
            default -> {
                if (!name.startsWith(CLUSTER_BORDER_PREFIX)) {
                    throw new IllegalArgumentException("unknown triplet sampler '" + name + "'; valid names: " + NAMES);
                }
                int k;
                try {
                    k = Integer.parseInt(name.substring(CLUSTER_BORDER_PREFIX.length()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("triplet sampler '" + name + "' must end in a cluster count, e.g. "
                            + CLUSTER_BORDER_PREFIX + "500", e);
                }
                int[] clusters = requireLabels(name, "clusterAssignments", clusterAssignments);
                long distinct = Arrays.stream(clusters).distinct().count();
                if (distinct != k) {
                    throw new IllegalArgumentException("triplet sampler '" + name + "' expects " + k
                            + " clusters but clusterAssignments has " + distinct + "; use " + CLUSTER_BORDER_PREFIX
                            + distinct + " or re-cluster with k = " + k);
                }
                yield new GroupTripletSampler(clusters, GroupTripletSampler.Shape.BORDER);
            }
        };
    }

    private static int[] requireLabels(String name, String what, int[] labels) {
        if (labels == null || labels.length == 0) {
            throw new IllegalArgumentException("triplet sampler '" + name + "' needs " + what + " (one per item), got none");
        }
        return labels.clone();
    }
}
