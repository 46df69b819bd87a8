package ai.alignet.cli;

import ai.alignet.pipeline.ArtifactRef;
import ai.alignet.service.LineageStep;
import ai.alignet.service.RunFilter;
import ai.alignet.service.RunLineage;
import ai.alignet.service.RunNotFoundException;
import ai.alignet.service.RunService;
import ai.alignet.service.RunSummary;
import jakarta.inject.Inject;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./alignet lineage X}: for a workflow id, every unit of stage work with what it read and wrote;
 * for an artifact key (it contains '/'), the chain of steps that produced it, back to the prepared data.
 */
@Command(name = "lineage", description = "Where artifacts came from: a run's steps, or the chain that produced one artifact.")
public class LineageCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "ARTIFACT_OR_WORKFLOW",
            description = "A workflow id, or an artifact key such as stages/distill/<cache key>/model.zip.")
    String target;

    @Option(names = "--run", description = "With an artifact key: the run to look in (default: search recent runs).")
    String run;

    @Option(names = "--search", defaultValue = "100", description = "With an artifact key: how many recent runs to search.")
    int search;

    @Inject
    RunService runs;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            if (!target.contains("/")) {
                printRun(target, runs.lineage(target));
                return 0;
            }
            List<String> candidates = run != null ? List.of(run)
                    : runs.list(RunFilter.none(), search).stream().map(RunSummary::workflowId).toList();
            for (String id : candidates) {
                List<LineageStep> steps;
                try {
                    steps = runs.lineage(id);
                } catch (RunNotFoundException e) {
                    continue;
                }
                if (RunLineage.producerOf(steps, target).isPresent()) {
                    printChain(id, steps, target);
                    return 0;
                }
            }
            throw new UserError("no run among the " + candidates.size() + " searched wrote artifact '" + target
                    + "'; pass --run WORKFLOW_ID or a larger --search");
        });
    }

    private static void printRun(String workflowId, List<LineageStep> steps) {
        System.out.println("run " + workflowId + ": " + steps.size() + " units of stage work");
        for (LineageStep s : steps) {
            System.out.printf("%-9s %-18s key %s%s  read %d artifacts%n", s.stage(), s.activity(), shortKey(s.cacheKey()),
                    s.cached() ? " (cached)" : "", s.inputs().size());
            for (LineageStep.Output o : s.outputs()) {
                System.out.printf("    wrote %-22s %s  sha256 %s  %d bytes%n", o.name(), o.ref().key(),
                        o.ref().sha256().substring(0, 12), o.ref().size());
            }
        }
    }

    /** The producing step of the artifact, then the producers of its inputs, breadth first. */
    private static void printChain(String workflowId, List<LineageStep> steps, String key) {
        System.out.println("artifact " + key + " was written by run " + workflowId);
        Deque<String> pending = new ArrayDeque<>(List.of(key));
        Set<String> seen = new HashSet<>();
        while (!pending.isEmpty()) {
            String k = pending.poll();
            Optional<LineageStep> producer = RunLineage.producerOf(steps, k);
            if (producer.isEmpty() || !seen.add(producer.get().activity() + producer.get().cacheKey())) {
                continue;
            }
            LineageStep s = producer.get();
            System.out.printf("%-9s %-18s key %s%s%n", s.stage(), s.activity(), shortKey(s.cacheKey()),
                    s.cached() ? " (cached)" : "");
            System.out.println("    wrote " + k);
            for (ArtifactRef in : s.inputs()) {
                System.out.println("    read  " + in.key() + "  sha256 " + in.sha256().substring(0, 12));
                pending.add(in.key());
            }
        }
    }

    private static String shortKey(String cacheKey) {
        return cacheKey.length() > 12 ? cacheKey.substring(0, 12) : cacheKey;
    }
}
