package ai.alignet.cli;

import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.runtime.TemporalConnection;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./alignet run}: start AlignmentPipeline on TEMPORAL_ADDRESS; prints the workflow id. */
@Command(name = "run", description = "Start a pipeline run; prints its workflow id. With --wait, follows it to the end.")
public class RunCommand implements Callable<Integer> {

    @Option(names = "--spec", required = true, description = "Spec JSON file, e.g. {\"preset\": \"synthetic-demo\"}.")
    Path spec;

    @Mixin
    FollowOptions follow = new FollowOptions();

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            JsonNode specJson = SpecFiles.read(spec);
            PipelineSpec resolved = SpecFiles.validate(specJson);
            follow.check();
            try (TemporalConnection temporal = TemporalConnection.open(Environment.temporal())) {
                PipelineLauncher launcher = new PipelineLauncher(temporal.client());
                String id = launcher.start(specJson, resolved);
                System.out.println(id);
                follow.followIfAsked(launcher, id);
            }
            return 0;
        });
    }
}
