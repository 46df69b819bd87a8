package ai.alignet.cli;

import ai.alignet.service.InvalidRequestException;
import ai.alignet.service.RunFilter;
import ai.alignet.service.RunService;
import ai.alignet.service.RunSummary;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alignet runs}: the runs on TEMPORAL_ADDRESS as a table, filtered by the run search attributes. */
@Command(name = "runs", description = "List runs (newest first), filtered by teacher, student, stage, spec digest or status.")
public class RunsCommand implements Callable<Integer> {

    @Option(names = "--teacher", description = "Teacher backbone, e.g. synthetic-teacher.")
    String teacher;

    @Option(names = "--student", description = "Student name (AlignetStudent), e.g. student-a.")
    String student;

    @Option(names = "--stage", description = "Current stage: prepare, embed, ..., evaluate, done or failed.")
    String stage;

    @Option(names = "--spec-digest", description = "Spec digest (AlignetSpecDigest).")
    String specDigest;

    @Option(names = "--status", description = "Running, Completed, Failed, Canceled, Terminated, TimedOut.")
    String status;

    @Option(names = "--limit", defaultValue = "50", description = "At most this many runs (default: ${DEFAULT-VALUE}).")
    int limit;

    @Inject
    RunService runs;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            List<RunSummary> found;
            try {
                found = runs.list(new RunFilter(teacher, student, stage, specDigest, status), limit);
            } catch (InvalidRequestException e) {
                throw new UserError(e.getMessage() + ": " + String.join("; ", e.fields()));
            }
            System.out.printf("%-52s %-10s %-9s %-18s %-20s %-12s %s%n", "RUN", "STATUS", "STAGE", "TEACHER", "STUDENT",
                    "SPEC", "STARTED");
            for (RunSummary r : found) {
                System.out.printf("%-52s %-10s %-9s %-18s %-20s %-12s %s%n", r.workflowId(), r.status(), dash(r.stage()),
                        dash(r.teacher()), dash(r.student()),
                        r.specDigest() == null ? "-" : r.specDigest().substring(0, Math.min(12, r.specDigest().length())),
                        dash(r.startTime()));
            }
            if (found.isEmpty()) {
                System.err.println("no runs match");
            }
            return 0;
        });
    }

    private static String dash(String s) {
        return s == null || s.isEmpty() ? "-" : s;
    }
}
