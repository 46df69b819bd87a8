package ai.alignet.devstack;

import ai.alignet.service.SearchAttributeRegistration;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.temporal.internal.testservice.GRPCServerHelper;
import io.temporal.internal.testservice.TestServicesStarter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Temporal Java SDK's in-process test server, served over real gRPC on 127.0.0.1 so that workers
 * and clients in other processes reach it exactly as they reach a Temporal cluster. History lives in
 * memory: it is the embedded default, not a durable server (use {@code temporal server start-dev
 * --db-filename} for that).
 */
public final class EmbeddedTemporalServer implements AutoCloseable {

    private final TestServicesStarter services;
    private final Server server;

    private EmbeddedTemporalServer(TestServicesStarter services, Server server) {
        this.services = services;
        this.server = server;
    }

    /** Starts on the given port of the loopback interface; 0 picks a free port. */
    public static EmbeddedTemporalServer start(int port) {
        // Time skipping stays locked: timeouts and retries follow the wall clock, as on a real server.
        TestServicesStarter services = new TestServicesStarter(true, System.currentTimeMillis());
        NettyServerBuilder builder =
                NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        GRPCServerHelper.registerServicesAndHealthChecks(services.getServices(), builder);
        try {
            EmbeddedTemporalServer started = new EmbeddedTemporalServer(services, builder.build().start());
            // The test server validates upserts against its registry like a real one does.
            SearchAttributeRegistration.ensure(started.address(), "default");
            return started;
        } catch (IOException e) {
            services.close();
            throw new UncheckedIOException("cannot start the embedded Temporal server on 127.0.0.1:" + port
                    + " (is the port taken? choose another with --temporal-port)", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** host:port for TEMPORAL_ADDRESS. */
    public String address() {
        return "127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.shutdown();
        try {
            if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.shutdownNow();
        }
        services.close();
    }
}
