package ai.alignet.cli;

import ai.alignet.devstack.DevStack;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./alignet stack}: the embedded Temporal + S3 as a long-lived server for other processes. */
@Command(name = "stack", description = "Serve the embedded Temporal (gRPC) and S3 (HTTP) on 127.0.0.1 until stopped.")
public class StackCommand implements Callable<Integer> {

    @Option(names = "--temporal-port", defaultValue = "7233", description = "Temporal gRPC port (default: ${DEFAULT-VALUE}).")
    int temporalPort;

    @Option(names = "--s3-port", defaultValue = "9000", description = "S3 HTTP port (default: ${DEFAULT-VALUE}).")
    int s3Port;

    @Option(names = "--data", defaultValue = "${sys:user.home}/.alignet/stack",
            description = "Folder for the S3 objects (default: ${DEFAULT-VALUE}).")
    Path data;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            CountDownLatch stopped = new CountDownLatch(1);
            try (DevStack stack = DevStack.start(temporalPort, s3Port, data, Environment.variables())) {
                Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
                boolean defaultKeys = !Environment.variables().containsKey("S3_SECRET_KEY");
                System.out.println("AligNet stack ready. In other shells:");
                System.out.println("  export TEMPORAL_ADDRESS=" + stack.temporalAddress());
                System.out.println("  export S3_ENDPOINT=" + stack.s3Endpoint());
                if (defaultKeys) {
                    System.out.println("  export S3_ACCESS_KEY=" + DevStack.DEFAULT_ACCESS_KEY
                            + " S3_SECRET_KEY=" + DevStack.DEFAULT_SECRET_KEY + "   # local-only default credentials");
                } else {
                    System.out.println("  (S3 credentials: the S3_ACCESS_KEY / S3_SECRET_KEY you set)");
                }
                System.out.flush();
                stopped.await();
            }
            return 0;
        });
    }
}
