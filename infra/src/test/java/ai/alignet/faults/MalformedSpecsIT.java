package ai.alignet.faults;

import static org.assertj.core.api.Assertions.assertThat;

import ai.alignet.pipeline.AlignmentPipeline;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.runtime.TemporalSettings;
import ai.alignet.testing.TemporalDevServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowFailedException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Generated malformed specs started through the Temporal client against the dev server: every one must
 * fail at once, non-retryably, as {@code InvalidSpec}, with a message naming the bad field, before any
 * activity is scheduled; none may be left running.
 */
class MalformedSpecsIT {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Integer fields with their valid ranges, as the spec reference gives them. */
    private static final Map<String, long[]> INTEGERS = Map.ofEntries(
            Map.entry("seed", new long[] {0, Long.MAX_VALUE}),
            Map.entry("world.imageSize", new long[] {16, 512}),
            Map.entry("world.superordinates", new long[] {2, 4}),
            Map.entry("world.basicPerSuperordinate", new long[] {2, 4}),
            Map.entry("world.corpusPerCategory", new long[] {4, 100_000}),
            Map.entry("world.humanTriplets", new long[] {50, 10_000_000}),
            Map.entry("world.raters", new long[] {3, 1000}),
            Map.entry("world.shardSize", new long[] {16, 100_000}),
            Map.entry("teacher.maxEpochs", new long[] {1, 100_000}),
            Map.entry("labels.clusters", new long[] {2, 100_000}),
            Map.entry("labels.trainTriplets", new long[] {100, 100_000_000}),
            Map.entry("students[0].steps", new long[] {1, 10_000_000}),
            Map.entry("students[0].batchSize", new long[] {1, 65_536}),
            Map.entry("students[0].headDim", new long[] {1, 65_536}),
            Map.entry("students[0].checkpointEvery", new long[] {1, 10_000_000}),
            Map.entry("evaluation.bootstrapSamples", new long[] {10, 1_000_000}));

    private static final Map<String, double[]> NUMBERS = Map.ofEntries(
            Map.entry("world.humanNoise", new double[] {0.01, 10.0}),
            Map.entry("world.heldOutFraction", new double[] {0.05, 0.5}),
            Map.entry("teacher.alpha", new double[] {0.0, 1.0}),
            Map.entry("teacher.learningRate", new double[] {1e-7, 1.0}),
            Map.entry("students[0].learningRate", new double[] {1e-9, 1.0}),
            Map.entry("students[0].warmupFraction", new double[] {0.0, 1.0}),
            Map.entry("students[0].tau", new double[] {1e-3, 1e6}),
            Map.entry("evaluation.probeL2", new double[] {0.0, 1e6}));

    private static final List<String> STRINGS = List.of(
            "preset", "name", "teacher.backbone", "labels.sampling", "students[0].name", "students[0].backbone",
            "students[0].loss");

    private static final List<String> JUNK = List.of(
            "ünïcödé", "💥🔥", "a\u0000b", "\u202Eevil", "zero\u200Bwidth", "名前", "../../etc/passwd", "Robert'); DROP",
            "e\u0301\u0301\u0301", "\t\n");

    @TempDir
    Path dir;

    private record Case(JsonNode spec, String field) {}

    @Test
    void everyMalformedSpecFailsFastNonRetryablyNamingTheField() throws Exception {
        List<Case> cases = generate(new Random(20261129L), 240);
        try (TemporalDevServer temporal = TemporalDevServer.start(dir.resolve("temporal"));
                TemporalConnection connection = TemporalConnection.open(new TemporalSettings(temporal.address(), "default"));
                PipelineWorkers workers = PipelineWorkers.start(connection.client(), null, List.of(TaskQueues.CONTROL), 0)) {
            WorkflowClient client = connection.client();
            List<CompletableFuture<Object>> results = new ArrayList<>();
            for (int i = 0; i < cases.size(); i++) {
                AlignmentPipeline pipeline = client.newWorkflowStub(AlignmentPipeline.class, WorkflowOptions.newBuilder()
                        .setTaskQueue(TaskQueues.CONTROL).setWorkflowId("malformed-" + i).build());
                WorkflowClient.start(pipeline::run, cases.get(i).spec());
                results.add(client.newUntypedWorkflowStub("malformed-" + i).getResultAsync(Object.class));
            }
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                String what = "case " + i + " " + c.spec() + " (bad field " + c.field() + ")";
                Throwable failure = failureOf(results.get(i), what);
                assertThat(failure).as(what).isInstanceOf(WorkflowFailedException.class);
                assertThat(failure.getCause()).as(what).isInstanceOf(ApplicationFailure.class);
                ApplicationFailure af = (ApplicationFailure) failure.getCause();
                assertThat(af.getType()).as(what).isEqualTo("InvalidSpec");
                assertThat(af.isNonRetryable()).as(what).isTrue();
                assertThat(af.getOriginalMessage()).as(what).contains(c.field());

                WorkflowStub stub = client.newUntypedWorkflowStub("malformed-" + i);
                assertThat(stub.describe().getStatus()).as(what)
                        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED);
                List<HistoryEvent> history = client.fetchHistory("malformed-" + i).getEvents();
                assertThat(history).as(what + ": no activity, no retry")
                        .noneMatch(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                        .hasSizeLessThanOrEqualTo(5);
            }
        }
    }

    private static Throwable failureOf(CompletableFuture<Object> result, String what) throws InterruptedException {
        try {
            Object value = result.get(2, TimeUnit.MINUTES);
            throw new AssertionError(what + " was accepted and returned " + value);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError(what + " did not fail within 2 minutes");
        }
    }

    /** {@code count} specs, each one valid tiny spec with one thing broken, cycling through the kinds of breakage. */
    static List<Case> generate(Random random, int count) {
        List<String> integerFields = List.copyOf(new java.util.TreeSet<>(INTEGERS.keySet()));
        List<String> numberFields = List.copyOf(new java.util.TreeSet<>(NUMBERS.keySet()));
        List<Case> cases = new ArrayList<>();
        for (int i = 0; cases.size() < count; i++) {
            ObjectNode spec = base();
            switch (i % 10) {
                case 0 -> { // wrong type for an integer
                    String f = pick(random, integerFields);
                    set(spec, f, wrongType(random));
                    cases.add(new Case(spec, f));
                }
                case 1 -> { // integer out of range, either side
                    String f = pick(random, integerFields);
                    long[] range = INTEGERS.get(f);
                    if (range[0] > Long.MIN_VALUE && (random.nextBoolean() || range[1] == Long.MAX_VALUE)) {
                        set(spec, f, NODES.numberNode(range[0] - 1 - random.nextInt(1000)));
                    } else {
                        set(spec, f, NODES.numberNode(range[1] + 1 + random.nextInt(1000)));
                    }
                    cases.add(new Case(spec, f));
                }
                case 2 -> { // huge values: beyond long, or a float where an integer belongs
                    String f = pick(random, integerFields);
                    set(spec, f, random.nextBoolean()
                            ? NODES.numberNode(new BigInteger("9".repeat(20 + random.nextInt(300))))
                            : NODES.numberNode(1e308));
                    cases.add(new Case(spec, f));
                }
                case 3 -> { // number out of range or huge
                    String f = pick(random, numberFields);
                    double[] range = NUMBERS.get(f);
                    double bad = switch (random.nextInt(3)) {
                        case 0 -> range[0] - 1 - random.nextDouble();
                        case 1 -> range[1] * 2 + 1;
                        default -> -1e308;
                    };
                    set(spec, f, NODES.numberNode(bad));
                    cases.add(new Case(spec, f));
                }
                case 4 -> { // wrong type for a number or a string
                    String f = random.nextBoolean() ? pick(random, numberFields) : pick(random, STRINGS);
                    JsonNode v = STRINGS.contains(f) ? NODES.numberNode(random.nextInt()) : wrongType(random);
                    set(spec, f, v);
                    cases.add(new Case(spec, f));
                }
                case 5 -> { // a string with unicode junk where a name or a choice belongs
                    String f = pick(random, STRINGS);
                    set(spec, f, NODES.textNode(pick(random, JUNK) + pick(random, JUNK)));
                    cases.add(new Case(spec, f));
                }
                case 6 -> { // unknown field, at the top or inside a section
                    String section = pick(random, List.of("", "world", "teacher", "labels", "students[0]", "evaluation"));
                    String name = pick(random, List.of("extra", "imagesize", "Steps", "🔥", "ünknown", "__proto__"))
                            + random.nextInt(100);
                    String path = section.isEmpty() ? name : section + "." + name;
                    objectAt(spec, section).put(name, random.nextInt());
                    cases.add(new Case(spec, path));
                }
                case 7 -> { // deep nesting where a value belongs
                    String f = random.nextBoolean() ? pick(random, integerFields) : pick(random, STRINGS);
                    JsonNode deep = NODES.numberNode(1);
                    for (int d = 0; d < 50 + random.nextInt(150); d++) {
                        deep = random.nextBoolean() ? NODES.objectNode().set("x", deep) : NODES.arrayNode().add(deep);
                    }
                    set(spec, f, deep);
                    cases.add(new Case(spec, f));
                }
                case 8 -> { // a section of the wrong shape, or no students at all
                    String section = pick(random, List.of("world", "teacher", "labels", "evaluation", "students",
                            "students[0]"));
                    if (section.equals("students")) {
                        spec.putArray("students");
                    } else if (section.equals("students[0]")) {
                        spec.putArray("students").add(pick(random, JUNK));
                    } else {
                        JsonNode notAnObject = wrongType(random);
                        spec.set(section, notAnObject.isObject() ? NODES.textNode("x") : notAnObject);
                    }
                    cases.add(new Case(spec, section));
                }
                default -> { // not an object at all
                    JsonNode whole = switch (random.nextInt(4)) {
                        case 0 -> NODES.arrayNode().add(base());
                        case 1 -> NODES.textNode(pick(random, JUNK));
                        case 2 -> NODES.numberNode(random.nextLong());
                        default -> NODES.booleanNode(true);
                    };
                    cases.add(new Case(whole, "$"));
                }
            }
        }
        return cases;
    }

    private static ObjectNode base() {
        ObjectNode spec = NODES.objectNode().put("preset", "synthetic-tiny");
        spec.putArray("students").addObject().put("name", "student-a");
        return spec;
    }

    private static JsonNode wrongType(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> NODES.textNode("12");
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.arrayNode().add(1).add(2);
            case 3 -> NODES.objectNode().put("value", 1);
            default -> NODES.textNode("💥" + "x".repeat(random.nextInt(2000)));
        };
    }

    /** The object for "", "world", "students[0]"...; created when absent. */
    private static ObjectNode objectAt(ObjectNode spec, String section) {
        if (section.isEmpty()) {
            return spec;
        }
        if (section.equals("students[0]")) {
            return (ObjectNode) spec.withArray("students").get(0);
        }
        if (!(spec.get(section) instanceof ObjectNode)) {
            spec.putObject(section);
        }
        return (ObjectNode) spec.get(section);
    }

    private static void set(ObjectNode spec, String path, JsonNode value) {
        int dot = path.lastIndexOf('.');
        String section = dot < 0 ? "" : path.substring(0, dot);
        objectAt(spec, section).set(path.substring(dot + 1), value);
    }

    private static <T> T pick(Random random, List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
