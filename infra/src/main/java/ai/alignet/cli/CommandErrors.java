package ai.alignet.cli;

import ai.alignet.pipeline.spec.InvalidSpecException;
import ai.alignet.runtime.FailureMessages;
import java.util.concurrent.Callable;

/** Turns failures into one readable message and an exit code: 2 for fixable input, 1 for a failed run. */
final class CommandErrors {

    private CommandErrors() {}

    static int run(Callable<Integer> body) {
        try {
            return body.call();
        } catch (InvalidSpecException | UserError e) {
            System.err.println("error: " + e.getMessage());
            return 2;
        } catch (PipelineLauncher.RunFailed e) {
            System.err.println("error: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            System.err.println("error: " + FailureMessages.innermost(e));
            return 1;
        }
    }
}
