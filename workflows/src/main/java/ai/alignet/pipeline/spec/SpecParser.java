package ai.alignet.pipeline.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns the JSON a user typed into a resolved {@link PipelineSpec}, or fails with every bad field at
 * once. Pure and deterministic, so the workflow itself can call it: a bad spec then fails the run on
 * its first workflow task, never reaching a worker and never being retried.
 */
public final class SpecParser {

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern CLUSTER_BORDER = Pattern.compile("cluster_border_(\\d{1,6})");
    static final List<String> SAMPLINGS = List.of("random", "class_border", "within_class", "cluster_border_<k>");
    static final List<String> LOSSES = List.of("jsd", "kl");
    static final List<String> TEACHER_BACKBONES = List.of("synthetic-teacher");
    static final List<String> STUDENT_BACKBONES = List.of("synthetic-student");

    private final List<FieldError> errors = new ArrayList<>();

    private SpecParser() {}

    /** Parses and validates; throws {@link InvalidSpecException} listing every problem. */
    public static PipelineSpec parse(JsonNode input) {
        SpecParser parser = new SpecParser();
        PipelineSpec spec = parser.root(input);
        if (!parser.errors.isEmpty()) {
            throw new InvalidSpecException(parser.errors);
        }
        return spec;
    }

    private PipelineSpec root(JsonNode input) {
        if (input == null || input.isNull() || input.isMissingNode()) {
            input = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        }
        if (!input.isObject()) {
            errors.add(new FieldError("$", "the spec must be a JSON object such as {\"preset\": \"synthetic-demo\"}, got "
                    + kind(input)));
            return null;
        }
        allowOnly(input, "$", "preset", "name", "seed", "world", "teacher", "labels", "students", "evaluation");
        String presetName = string(input, "$", "preset", SpecPresets.DEMO);
        PipelineSpec base = SpecPresets.named(presetName).orElse(null);
        if (base == null) {
            errors.add(new FieldError("preset", "unknown preset '" + abbreviate(presetName) + "'; valid presets: "
                    + String.join(", ", SpecPresets.names())));
            base = SpecPresets.named(SpecPresets.DEMO).orElseThrow();
        }
        String name = string(input, "$", "name", base.name());
        if (!NAME.matcher(name).matches()) {
            errors.add(new FieldError("name", "must be 1-40 lowercase letters, digits or '-', starting with a letter or digit; got '"
                    + abbreviate(name) + "'"));
        }
        long seed = integer(input, "$", "seed", base.seed(), 0, Long.MAX_VALUE);
        WorldSpec world = world(input.get("world"), base.world());
        TeacherSpec teacher = teacher(input.get("teacher"), base.teacher());
        LabelSpec labels = labels(input.get("labels"), base.labels(), world);
        List<StudentSpec> students = students(input.get("students"), base.students());
        EvaluationSpec evaluation = evaluation(input.get("evaluation"), base.evaluation());
        return new PipelineSpec(base.preset(), name, seed, world, teacher, labels, students, evaluation);
    }

    private WorldSpec world(JsonNode node, WorldSpec d) {
        String p = "world";
        if (!isObject(node, p)) {
            return d;
        }
        allowOnly(node, p, "imageSize", "superordinates", "basicPerSuperordinate", "corpusPerCategory",
                "thingsPerCategory", "levelsPerCategory", "humanNoise", "humanTriplets", "heldOutFraction",
                "levelsTripletsPerType", "raters", "shardSize");
        WorldSpec w = new WorldSpec(
                (int) integer(node, p, "imageSize", d.imageSize(), 16, 512),
                (int) integer(node, p, "superordinates", d.superordinates(), 2, 4),
                (int) integer(node, p, "basicPerSuperordinate", d.basicPerSuperordinate(), 2, 4),
                (int) integer(node, p, "corpusPerCategory", d.corpusPerCategory(), 4, 100_000),
                (int) integer(node, p, "thingsPerCategory", d.thingsPerCategory(), 2, 10_000),
                (int) integer(node, p, "levelsPerCategory", d.levelsPerCategory(), 2, 10_000),
                number(node, p, "humanNoise", d.humanNoise(), 0.01, 10.0),
                (int) integer(node, p, "humanTriplets", d.humanTriplets(), 50, 10_000_000),
                number(node, p, "heldOutFraction", d.heldOutFraction(), 0.05, 0.5),
                (int) integer(node, p, "levelsTripletsPerType", d.levelsTripletsPerType(), 10, 1_000_000),
                (int) integer(node, p, "raters", d.raters(), 3, 1000),
                (int) integer(node, p, "shardSize", d.shardSize(), 16, 100_000));
        return w;
    }

    private TeacherSpec teacher(JsonNode node, TeacherSpec d) {
        String p = "teacher";
        if (!isObject(node, p)) {
            return d;
        }
        allowOnly(node, p, "backbone", "alpha", "lambda", "tauLocal", "learningRate", "maxEpochs");
        String backbone = oneOf(node, p, "backbone", d.backbone(), TEACHER_BACKBONES);
        return new TeacherSpec(
                backbone,
                number(node, p, "alpha", d.alpha(), 0.0, 1.0),
                number(node, p, "lambda", d.lambda(), 0.0, 1000.0),
                number(node, p, "tauLocal", d.tauLocal(), 1e-4, 100.0),
                number(node, p, "learningRate", d.learningRate(), 1e-7, 1.0),
                (int) integer(node, p, "maxEpochs", d.maxEpochs(), 1, 100_000));
    }

    private LabelSpec labels(JsonNode node, LabelSpec d, WorldSpec world) {
        String p = "labels";
        LabelSpec spec = d;
        if (isObject(node, p)) {
            allowOnly(node, p, "sampling", "clusters", "trainTriplets", "validationTriplets", "shardSize", "released");
            spec = new LabelSpec(
                    string(node, p, "sampling", d.sampling()),
                    (int) integer(node, p, "clusters", d.clusters(), 2, 100_000),
                    (int) integer(node, p, "trainTriplets", d.trainTriplets(), 100, 100_000_000),
                    (int) integer(node, p, "validationTriplets", d.validationTriplets(), 10, 10_000_000),
                    (int) integer(node, p, "shardSize", d.shardSize(), 100, 10_000_000),
                    released(node.get("released")));
        }
        var border = CLUSTER_BORDER.matcher(spec.sampling());
        if (border.matches()) {
            int k = Integer.parseInt(border.group(1));
            if (k != spec.clusters()) {
                errors.add(new FieldError("labels.sampling", "'" + spec.sampling() + "' needs labels.clusters = " + k
                        + ", but labels.clusters is " + spec.clusters() + "; make them equal"));
            }
        } else if (!SAMPLINGS.subList(0, 3).contains(spec.sampling())) {
            errors.add(new FieldError("labels.sampling", "unknown sampling '" + abbreviate(spec.sampling()) + "'; valid: "
                    + String.join(", ", SAMPLINGS)));
        }
        int corpus = world.corpusPerCategory() * world.superordinates() * world.basicPerSuperordinate();
        if (spec.clusters() > corpus) {
            errors.add(new FieldError("labels.clusters", "must not exceed the " + corpus + " corpus images; got "
                    + spec.clusters()));
        }
        return spec;
    }

    /** {@code labels.released}: both prefixes are store keys ending in '/' (added when missing). */
    private ReleasedLabels released(JsonNode node) {
        String p = "labels.released";
        if (!isObject(node, p)) {
            return null;
        }
        allowOnly(node, p, "import", "images");
        String importPrefix = prefix(node, p, "import",
                "the prefix './alignet labels import FILE' printed, e.g. imports/alignet-labels/<sha256>/");
        String imagesPrefix = prefix(node, p, "images",
                "the store prefix holding the images the .npz names, e.g. datasets/imagenet/train/");
        return importPrefix == null || imagesPrefix == null ? null : new ReleasedLabels(importPrefix, imagesPrefix);
    }

    private String prefix(JsonNode node, String path, String field, String what) {
        String value = string(node, path, field, null);
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(join(path, field), "is required: " + what));
            return null;
        }
        if (value.startsWith("/") || value.contains("..") || value.contains("//")) {
            errors.add(new FieldError(join(path, field), "must be a store key prefix without a leading '/', '..' or '//'; got '"
                    + abbreviate(value) + "'"));
            return null;
        }
        return value.endsWith("/") ? value : value + "/";
    }

    private List<StudentSpec> students(JsonNode node, List<StudentSpec> defaults) {
        if (node == null || node.isNull()) {
            return defaults;
        }
        if (!node.isArray()) {
            errors.add(new FieldError("students", "must be an array of student objects, got " + kind(node)));
            return defaults;
        }
        if (node.isEmpty()) {
            errors.add(new FieldError("students", "needs at least one student"));
            return defaults;
        }
        if (node.size() > 16) {
            errors.add(new FieldError("students", "at most 16 students per run, got " + node.size()));
            return defaults;
        }
        StudentSpec template = defaults.get(0);
        List<StudentSpec> students = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String p = "students[" + i + "]";
            JsonNode s = node.get(i);
            if (!isObject(s, p)) {
                continue;
            }
            allowOnly(s, p, "name", "backbone", "steps", "batchSize", "learningRate", "warmupFraction", "loss", "tau",
                    "decayToInit", "headDim", "checkpointEvery");
            String name = string(s, p, "name", "student-" + (char) ('a' + i));
            if (!NAME.matcher(name).matches()) {
                errors.add(new FieldError(p + ".name", "must be 1-40 lowercase letters, digits or '-'; got '" + abbreviate(name) + "'"));
            } else if (!names.add(name)) {
                errors.add(new FieldError(p + ".name", "duplicate student name '" + name + "'; names must be unique"));
            }
            students.add(new StudentSpec(
                    name,
                    oneOf(s, p, "backbone", template.backbone(), STUDENT_BACKBONES),
                    (int) integer(s, p, "steps", template.steps(), 1, 10_000_000),
                    (int) integer(s, p, "batchSize", template.batchSize(), 1, 65_536),
                    number(s, p, "learningRate", template.learningRate(), 1e-9, 1.0),
                    number(s, p, "warmupFraction", template.warmupFraction(), 0.0, 1.0),
                    oneOf(s, p, "loss", template.loss(), LOSSES),
                    number(s, p, "tau", template.tau(), 1e-3, 1e6),
                    number(s, p, "decayToInit", template.decayToInit(), 0.0, 1e3),
                    (int) integer(s, p, "headDim", template.headDim(), 1, 65_536),
                    (int) integer(s, p, "checkpointEvery", template.checkpointEvery(), 1, 10_000_000)));
        }
        return students;
    }

    private EvaluationSpec evaluation(JsonNode node, EvaluationSpec d) {
        String p = "evaluation";
        if (!isObject(node, p)) {
            return d;
        }
        allowOnly(node, p, "bootstrapSamples", "probeL2", "probeIterations");
        return new EvaluationSpec(
                (int) integer(node, p, "bootstrapSamples", d.bootstrapSamples(), 10, 1_000_000),
                number(node, p, "probeL2", d.probeL2(), 0.0, 1e6),
                (int) integer(node, p, "probeIterations", d.probeIterations(), 1, 1_000_000));
    }

    // ---- field readers: each records an error and returns the default, so parsing goes on ----

    /** True when the section is present and an object; absent sections keep their defaults. */
    private boolean isObject(JsonNode node, String path) {
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isObject()) {
            errors.add(new FieldError(path, "must be a JSON object, got " + kind(node)));
            return false;
        }
        return true;
    }

    private void allowOnly(JsonNode node, String path, String... allowed) {
        Set<String> known = Set.of(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!known.contains(field)) {
                errors.add(new FieldError(join(path, abbreviate(field)), "unknown field; valid fields here: "
                        + String.join(", ", allowed)));
            }
        }
    }

    private String string(JsonNode node, String path, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(join(path, field), "must be a string, got " + kind(v)));
            return fallback;
        }
        return v.asText();
    }

    private String oneOf(JsonNode node, String path, String field, String fallback, List<String> valid) {
        String value = string(node, path, field, fallback);
        if (!valid.contains(value)) {
            errors.add(new FieldError(join(path, field), "unknown value '" + abbreviate(value) + "'; valid: " + String.join(", ", valid)));
            return fallback;
        }
        return value;
    }

    private long integer(JsonNode node, String path, String field, long fallback, long min, long max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            errors.add(new FieldError(join(path, field), "must be an integer between " + min + " and " + max + ", got "
                    + kind(v) + " " + abbreviate(v)));
            return fallback;
        }
        long value = v.asLong();
        if (value < min || value > max) {
            errors.add(new FieldError(join(path, field), "must be between " + min + " and " + max + ", got " + value));
            return fallback;
        }
        return value;
    }

    private double number(JsonNode node, String path, String field, double fallback, double min, double max) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            errors.add(new FieldError(join(path, field), "must be a number between " + min + " and " + max + ", got "
                    + kind(v) + " " + abbreviate(v)));
            return fallback;
        }
        double value = v.asDouble();
        if (!Double.isFinite(value) || value < min || value > max) {
            errors.add(new FieldError(join(path, field), "must be between " + min + " and " + max + ", got " + v.asText()));
            return fallback;
        }
        return value;
    }

    private static String join(String path, String field) {
        return "$".equals(path) ? field : path + "." + field;
    }

    private static String kind(JsonNode v) {
        JsonNodeType t = v.getNodeType();
        return switch (t) {
            case STRING -> "a string";
            case NUMBER -> v.isIntegralNumber() ? "an integer" : "a fractional number";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL -> "null";
            default -> t.name().toLowerCase();
        };
    }

    private static String abbreviate(JsonNode v) {
        return abbreviate(v.toString());
    }

    /** User text echoed in an error stays short: a 100k-character value must not flood the failure. */
    private static String abbreviate(String s) {
        return s.length() > 40 ? s.substring(0, 37) + "..." : s;
    }
}
