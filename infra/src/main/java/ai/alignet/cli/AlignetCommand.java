package ai.alignet.cli;

import ai.alignet.autoscale.AutoscalerCommand;
import io.quarkus.picocli.runtime.annotations.TopCommand;
import picocli.CommandLine.Command;

/** {@code ./alignet}: the one command-line entry point. */
@TopCommand
@Command(
        name = "alignet",
        mixinStandardHelpOptions = true,
        version = "AligNet Flow 0.1.0",
        description = "Align vision models with human perception (AligNet) as a durable Temporal pipeline.",
        subcommands = {
            DemoCommand.class,
            StackCommand.class,
            WorkerCommand.class,
            RunCommand.class,
            ResumeCommand.class,
            StatusCommand.class,
            ServerCommand.class,
            RunsCommand.class,
            LineageCommand.class,
            AutoscalerCommand.class,
            EvalCommand.class,
            LabelsCommand.class,
            BenchCommand.class
        })
public class AlignetCommand {}
