package io.spikestream.monitor;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stage's HTTP endpoint on the JDK's server: {@code /metrics} (Prometheus text format), {@code /health}
 * (alive: 200 while every liveness check passes, else 503) and {@code /ready} (200 once every readiness check
 * passes, else 503), each answering GET and HEAD; {@link #mount} adds pages such as the sink's live view at
 * {@code /}. Paths nobody serves get 404.
 *
 * <p>Requests run on a pool of daemon threads that grows with the connections, so that a page holding an event
 * stream open does not keep Prometheus waiting.
 */
public final class MonitorServer implements AutoCloseable {

    /** The address served unless {@code --http-host} says otherwise: this machine only. */
    public static final String DEFAULT_HOST = "127.0.0.1";

    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    static final String JSON = "application/json";

    private final HttpServer server;
    private final ExecutorService executor;
    private final List<HealthCheck> liveness;
    private final List<HealthCheck> readiness;

    private MonitorServer(HttpServer server, ExecutorService executor, List<HealthCheck> liveness,
            List<HealthCheck> readiness) {
        this.server = server;
        this.executor = executor;
        this.liveness = liveness;
        this.readiness = readiness;
    }

    /**
     * Starts serving.
     *
     * @param host the address to bind, e.g. {@link #DEFAULT_HOST} or {@code 0.0.0.0}
     * @param port the port, 0 for a free one ({@link #port()} tells which)
     * @param metrics the registry {@code /metrics} exports
     * @throws IOException when the address cannot be bound (e.g. the port is taken)
     */
    public static MonitorServer start(String host, int port, MonitorRegistry metrics) throws IOException {
        HttpServer server = bind(host, port);
        List<HealthCheck> liveness = new CopyOnWriteArrayList<>();
        List<HealthCheck> readiness = new CopyOnWriteArrayList<>();
        server.createContext("/metrics", exchange -> {
            if (Responses.accept(exchange, "/metrics")) {
                Responses.send(exchange, 200, PROMETHEUS_TEXT, metrics.scrape());
            }
        });
        server.createContext("/health", checks("/health", liveness));
        server.createContext("/ready", checks("/ready", readiness));
        server.createContext("/", exchange -> Responses.send(exchange, 404, "text/plain; charset=utf-8",
                "not found\n"));
        ExecutorService executor = Executors.newCachedThreadPool(daemonThreads());
        server.setExecutor(executor);
        server.start();
        return new MonitorServer(server, executor, liveness, readiness);
    }

    /** Adds checks to {@code /health}, which is DOWN ("starting") until it has one. */
    public MonitorServer addLiveness(HealthCheck... checks) {
        liveness.addAll(List.of(checks));
        return this;
    }

    /** Adds checks to {@code /ready}, which is DOWN ("starting") until it has one. */
    public MonitorServer addReadiness(HealthCheck... checks) {
        readiness.addAll(List.of(checks));
        return this;
    }

    private static HttpServer bind(String host, int port) throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("--http-host " + host + " is not an address of this machine");
        }
        try {
            return HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new IOException("cannot serve HTTP on " + host + ":" + port + " (" + e.getMessage()
                    + "); choose another --http-port, or 0 for a free one", e);
        }
    }

    private static HttpHandler checks(String path, List<HealthCheck> checks) {
        return exchange -> {
            if (Responses.accept(exchange, path)) {
                HealthReport report = HealthReport.run(checks);
                Responses.send(exchange, report.up() ? 200 : 503, JSON, report.json());
            }
        };
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(task, "http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Serves {@code handler} under {@code path} (every path below it that no other context claims), replacing
     * the 404 at {@code /}.
     */
    public synchronized void mount(String path, HttpHandler handler) {
        if (path.equals("/")) {
            server.removeContext("/");
        }
        server.createContext(path, handler);
    }

    /** The port served, also when 0 was asked for. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URI, e.g. {@code http://127.0.0.1:9400/}. */
    public URI uri() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "localhost" : address.getHostString();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** Stops serving at once; open event streams are cut. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
