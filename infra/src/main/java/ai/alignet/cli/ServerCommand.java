package ai.alignet.cli;

import ai.alignet.service.ControlPlaneSettings;
import ai.alignet.service.SearchAttributeRegistration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.config.ConfigProvider;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./alignet server}: the control plane (REST API, web pages, OpenAPI, Prometheus metrics) on
 * TEMPORAL_ADDRESS and S3_*. The HTTP listener is switched on at start-up by the alignet script for
 * this command only ({@code -Dquarkus.http.host-enabled=true -Dquarkus.http.port=P}).
 */
@Command(name = "server", description = "Serve the REST API and web pages (token from ALIGNET_API_TOKEN) until stopped.")
public class ServerCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Override
    public Integer call() {
        return CommandErrors.run(() -> {
            if (ControlPlaneSettings.apiToken().isEmpty()) {
                throw new UserError("ALIGNET_API_TOKEN is not set: the server refuses to start without an API token. "
                        + "Set it, e.g. export ALIGNET_API_TOKEN=$(openssl rand -hex 24)");
            }
            var config = ConfigProvider.getConfig();
            boolean listening = config.getOptionalValue("quarkus.http.host-enabled", Boolean.class).orElse(true);
            int actual = config.getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
            if (!listening || actual != port) {
                throw new UserError("the HTTP listener is configured at start-up: run this through the ./alignet script "
                        + "(./alignet server --port " + port + "), or add -Dquarkus.http.host-enabled=true "
                        + "-Dquarkus.http.port=" + port + " to the java command");
            }
            SearchAttributeRegistration.tryEnsure(Environment.temporal().address(), Environment.temporal().namespace());
            String host = config.getOptionalValue("quarkus.http.host", String.class).orElse("127.0.0.1");
            System.out.println("AligNet control plane on http://" + host + ":" + port + "/ (Temporal "
                    + Environment.temporal().address() + ")");
            System.out.println("  web pages: open http://" + host + ":" + port + "/?token=<ALIGNET_API_TOKEN> once (sets a cookie)");
            System.out.println("  API: Authorization: Bearer <ALIGNET_API_TOKEN>; OpenAPI at /q/openapi; metrics at /q/metrics");
            System.out.flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown));
            stopped.await();
            return 0;
        });
    }
}
