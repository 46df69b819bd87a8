package ai.alignet.cli;

import ai.alignet.devstack.DevStack;
import ai.alignet.pipeline.PipelineResult;
import ai.alignet.pipeline.TaskQueues;
import ai.alignet.pipeline.spec.PipelineSpec;
import ai.alignet.runtime.PipelineWorkers;
import ai.alignet.runtime.TemporalConnection;
import ai.alignet.storage.S3ArtifactStore;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alignet demo}: the whole pipeline on the embedded stack, in this one process. */
@Command(name = "demo", description = "Run the whole pipeline on the embedded Temporal + S3 stack; writes report.json and report.html.")
public class DemoCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Folder for report.json and report.html (default: ${DEFAULT-VALUE}).",
            defaultValue = "out/demo")
    Path out;

    @Option(names = "--spec", description = "Spec JSON file (default: {\"preset\": \"synthetic-demo\"}).")
    Path spec;

    @Option(names = "--data", description = "Where the embedded S3 server keeps its objects; finished stages are reused from here "
            + "on the next run (default: ${DEFAULT-VALUE}).", defaultValue = "${sys:user.home}/.alignet/demo")
    Path data;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            JsonNode specJson = spec == null ? SpecFiles.demo() : SpecFiles.read(spec);
            PipelineSpec resolved = SpecFiles.validate(specJson);
            try (DevStack stack = DevStack.start(0, 0, data, Environment.variables());
                    TemporalConnection temporal = TemporalConnection.open(stack.temporalSettings())) {
                S3ArtifactStore store = new S3ArtifactStore(stack.storeConfig("alignet"));
                store.ensureBucket();
                System.err.printf("embedded stack: Temporal %s, S3 %s (data in %s)%n",
                        stack.temporalAddress(), stack.s3Endpoint(), data);
                try (PipelineWorkers workers = PipelineWorkers.start(temporal.client(), store, TaskQueues.ALL, 1)) {
                    PipelineLauncher launcher = new PipelineLauncher(temporal.client());
                    String id = launcher.start(specJson, resolved);
                    System.err.println("started " + id);
                    PipelineResult result = launcher.await(id, System.err);
                    Path html = PipelineLauncher.saveReports(result, store, out);
                    ReportSummary.print(result.report(), System.out);
                    System.out.println("report: " + out.resolve("report.json").toAbsolutePath());
                    System.out.println("report: " + html.toAbsolutePath());
                }
            }
            return 0;
        });
    }
}
