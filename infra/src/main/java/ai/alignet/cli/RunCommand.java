package ai.alignet.cli;

import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.runtime.TemporalConnection;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alignet run}: start AlignmentPipeline on TEMPORAL_ADDRESS; prints the workflow id. */
@Command(name = "run", description = "Start a pipeline run; prints its workflow id. With --wait, follows it to the end.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, description = "Spec JSON file, e.g. {\"preset\": \"synthetic-demo\"}.")
    Path spec;

    @Option(names = "--wait", description = "Wait for the run to finish, showing progress.")
    boolean await;

    @Option(names = "--out", description = "With --wait: folder for report.json and report.html.")
    Path out;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            JsonNode specJson = SpecFiles.read(spec);
            PipelineSpec resolved = SpecFiles.validate(specJson);
            PipelineLauncher.requireWaitForOut(out, await);
            try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal())) {
                PipelineLauncher launcher = new PipelineLauncher(temporal.client());
                String id = launcher.start(specJson, resolved);
                System.out.println(id);
                if (await) {
                    launcher.follow(id, out);
                }
            }
            return 0;
        });
    }
}
