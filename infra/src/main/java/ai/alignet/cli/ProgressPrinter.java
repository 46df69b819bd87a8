package ai.alignet.cli;

import ai.alignet.pipeline.Progress;
import ai.alignet.pipeline.StageProgress;
import java.io.PrintStream;

/**
 * Draws a run's progress on the terminal: one bar for the current stage and a tick per finished stage.
 * On a terminal it redraws one line; in a log (no console) it prints a line only when something changed.
 */
final class ProgressPrinter {

    private static final int WIDTH = 24;

    private final PrintStream out;
    private final boolean interactive = System.console() != null;
    private String last = "";

    ProgressPrinter(PrintStream out) {
        this.out = out;
    }

    void show(Progress p, double elapsedSeconds) {
        StringBuilder stages = new StringBuilder();
        for (StageProgress s : p.stages()) {
            String mark = switch (s.status()) {
                case "done" -> s.cached() ? "=" : "+";
                case "running" -> ">";
                case "failed" -> "x";
                default -> ".";
            };
            stages.append(mark);
        }
        int filled = p.total() == 0 ? 0 : (int) Math.round(WIDTH * (double) p.done() / p.total());
        String bar = "#".repeat(filled) + "-".repeat(WIDTH - filled);
        String line = String.format("[%s] %-8s [%s] %d/%d", stages, p.currentStage(), bar, p.done(), p.total());
        if (interactive) {
            out.print("\r" + line + String.format("  %5.0fs", elapsedSeconds));
            out.flush();
        } else if (!line.equals(last)) {
            out.println(line + String.format("  %.0fs", elapsedSeconds));
        }
        last = line;
    }

    void finish() {
        if (interactive) {
            out.println();
        }
    }
}
