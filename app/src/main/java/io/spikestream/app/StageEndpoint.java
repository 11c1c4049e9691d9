package io.spikestream.app;

import com.sun.net.httpserver.HttpHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.monitor.HealthCheck;
import io.spikestream.monitor.MonitorRegistry;
import io.spikestream.monitor.MonitorServer;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A stage command's HTTP endpoint when {@code --http-port} asks for one: its meters go to a Prometheus registry
 * that {@code /metrics} serves. Without {@code --http-port} the meters go to a registry nobody reads and
 * nothing is served. Open it before the stage starts, so that {@code /health} answers and {@code /ready}
 * reports DOWN while it starts; then add the stage's checks and bind its meters.
 */
final class StageEndpoint implements AutoCloseable {

    private final MonitorRegistry monitor;
    private final MonitorServer server;
    private final MeterRegistry registry;
    private AutoCloseable page;

    private final Consumer<String> log;

    private StageEndpoint(MonitorRegistry monitor, MonitorServer server, MeterRegistry registry,
            Consumer<String> log) {
        this.monitor = monitor;
        this.server = server;
        this.registry = registry;
        this.log = log;
    }

    /**
     * Opens the endpoint, or a registry alone without {@code --http-port}.
     *
     * @param options the command's HTTP flags
     * @param log prints the served address, a line
     * @throws IOException when the address cannot be bound
     */
    static StageEndpoint open(HttpOptions options, Consumer<String> log) throws IOException {
        options.validate();
        if (!options.enabled()) {
            return new StageEndpoint(null, null, new SimpleMeterRegistry(), log);
        }
        MonitorRegistry monitor = new MonitorRegistry();
        try {
            MonitorServer server = MonitorServer.start(options.host(), options.port, monitor);
            log.accept("http: " + server.uri() + " serves /metrics, /health, /ready");
            return new StageEndpoint(monitor, server, monitor.registry(), log);
        } catch (IOException | RuntimeException e) {
            monitor.close();
            throw e;
        }
    }

    /** Adds checks to {@code /health} (alive). */
    StageEndpoint liveness(HealthCheck... checks) {
        server().ifPresent(s -> s.addLiveness(checks));
        return this;
    }

    /** Adds checks to {@code /ready}. */
    StageEndpoint readiness(HealthCheck... checks) {
        server().ifPresent(s -> s.addReadiness(checks));
        return this;
    }

    /** The registry the stage binds its meters to. */
    MeterRegistry registry() {
        return registry;
    }

    /** The server, when {@code --http-port} asked for one. */
    Optional<MonitorServer> server() {
        return Optional.ofNullable(server);
    }

    /** Serves {@code page} at {@code /} when there is a server, and closes it with the server. */
    <P extends HttpHandler & AutoCloseable> void mountRoot(P page) {
        if (server != null) {
            server.mount("/", page);
            this.page = page;
            log.accept("live page: " + server.uri());
        }
    }

    private void closePage() {
        if (page == null) {
            return;
        }
        try {
            page.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the page at /", e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            closePage();
            monitor.close();
        } else {
            registry.close();
        }
    }
}
