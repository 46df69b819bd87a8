package ai.alignet.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --wait} and {@code --out}, the same for every command that starts a run ({@code run},
 * {@code resume}): follow the run to its end and, given a folder, save its reports there.
 */
final class FollowOptions {

    @Option(names = "--wait", description = "Wait for the run to finish, showing progress.")
    boolean await;

    @Option(names = "--out", description = "With --wait: folder for report.json and report.html.")
    Path out;

    /** {@code --out} names where a finished run's report goes, so it means nothing without {@code --wait}. */
    void check() {
        if (out != null && !await) {
            throw new UserError("--out needs --wait: the report exists only once the run has finished");
        }
    }

    /** With {@code --wait}: follows the run that just started (see {@link PipelineLauncher#follow}). */
    void followIfAsked(PipelineLauncher launcher, String workflowId) {
        if (await) {
            launcher.follow(workflowId, out);
        }
    }
}
