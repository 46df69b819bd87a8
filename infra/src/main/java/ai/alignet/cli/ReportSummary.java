package ai.alignet.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;

/** A few lines that say whether the run showed the AligNet effect. */
final class ReportSummary {

    private ReportSummary() {}

    static void print(String reportJson, PrintStream out) {
        JsonNode r;
        try {
            r = new ObjectMapper().readTree(reportJson);
        } catch (IOException e) {
            out.println("(report is not readable JSON: " + e.getMessage() + ")");
            return;
        }
        if (r.path("teacher").isObject()) {
            JsonNode acc = r.path("teacher").path("humanTripletAccuracy");
            out.printf("teacher  held-out human triplet accuracy: %.3f -> %.3f%n", acc.path("before").asDouble(),
                    acc.path("after").asDouble());
        } else {
            out.printf("labels   released: %d triplets from %s (no teacher ran)%n", r.path("labels").path("trainTriplets").asInt(),
                    r.path("labels").path("importPrefix").asText());
        }
        JsonNode ceiling = r.path("humanCeiling");
        out.printf("people   ceiling  coarse %.3f  fine %.3f  boundary %.3f%n", ceiling.path("coarse").asDouble(),
                ceiling.path("fine").asDouble(), ceiling.path("boundary").asDouble());
        for (JsonNode s : r.path("students")) {
            JsonNode b = s.path("agreement").path("baseline");
            JsonNode a = s.path("agreement").path("aligned");
            out.printf("%-8s coarse %.3f -> %.3f  fine %.3f -> %.3f  boundary %.3f -> %.3f  shift probe %.3f -> %.3f%n",
                    s.path("name").asText(), b.path("coarse").asDouble(), a.path("coarse").asDouble(),
                    b.path("fine").asDouble(), a.path("fine").asDouble(), b.path("boundary").asDouble(),
                    a.path("boundary").asDouble(), s.path("shiftProbeAccuracy").path("baseline").asDouble(),
                    s.path("shiftProbeAccuracy").path("aligned").asDouble());
            StringBuilder more = new StringBuilder(String.format("%-8s", ""));
            s.path("fewShotAccuracy").fields().forEachRemaining(f -> more.append(String.format(" %s-shot %.3f -> %.3f ",
                    f.getKey(), f.getValue().path("baseline").asDouble(), f.getValue().path("aligned").asDouble())));
            more.append(pair(" entropy~RT r ", s.path("reactionTimeCorrelation")));
            more.append(pair("  filtered probe (" + s.path("adversarialImages").asInt() + " images) ",
                    s.path("adversarialProbeAccuracy")));
            out.println(more.toString().stripTrailing());
        }
    }

    private static String pair(String label, JsonNode baselineAligned) {
        return baselineAligned.isObject()
                ? String.format("%s%.3f -> %.3f", label, baselineAligned.path("baseline").asDouble(),
                        baselineAligned.path("aligned").asDouble())
                : label + "n/a";
    }
}
