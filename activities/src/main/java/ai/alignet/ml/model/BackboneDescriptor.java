package ai.alignet.ml.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a backbone is and how to feed it: its format ("djl-synthetic" for generated networks,
 * "torchscript" for exported ones), architecture, square input size, per-channel normalisation
 * (x − mean) / std on [0, 1] RGB, embedding width, and the seed its weights came from.
 */
public record BackboneDescriptor(
        String name, String format, String architecture, int imageSize, float[] mean, float[] std, int embeddingDim,
        long seed) {

    public static final List<String> FORMATS = List.of("djl-synthetic", "torchscript");

    public BackboneDescriptor {
        List<String> problems = new ArrayList<>();
        if (name == null || name.isBlank()) {
            problems.add("name is blank; give the backbone a name (it names its parameter files)");
        }
        if (format == null || !FORMATS.contains(format)) {
            problems.add("format '" + format + "' is not one of " + FORMATS);
        }
        if (architecture == null || architecture.isBlank()) {
            problems.add("architecture is blank");
        }
        if (imageSize < 8) {
            problems.add("imageSize must be >= 8, got " + imageSize);
        }
        if (mean == null || mean.length != 3 || std == null || std.length != 3) {
            problems.add("mean and std need 3 values each (R, G, B)");
        } else {
            for (float s : std) {
                if (!(s > 0)) {
                    problems.add("std values must be > 0, got " + Arrays.toString(std));
                    break;
                }
            }
        }
        if (embeddingDim < 1) {
            problems.add("embeddingDim must be >= 1, got " + embeddingDim);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid backbone descriptor '" + name + "': " + String.join("; ", problems));
        }
        mean = mean.clone();
        std = std.clone();
    }

    @Override
    public float[] mean() {
        return mean.clone();
    }

    @Override
    public float[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BackboneDescriptor d && d.name.equals(name) && d.format.equals(format)
                && d.architecture.equals(architecture) && d.imageSize == imageSize && Arrays.equals(d.mean, mean)
                && Arrays.equals(d.std, std) && d.embeddingDim == embeddingDim && d.seed == seed;
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Long.hashCode(seed);
    }

    @Override
    public String toString() {
        return "BackboneDescriptor[" + name + ", " + format + ", " + architecture + ", " + imageSize + "px, dim "
                + embeddingDim + ", seed " + seed + "]";
    }
}
