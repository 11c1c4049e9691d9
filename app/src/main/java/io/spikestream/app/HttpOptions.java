package io.spikestream.app;

import io.spikestream.monitor.MonitorServer;
import picocli.CommandLine.Option;

/** {@code --http-port} and {@code --http-host}: where a stage serves its metrics, health and pages. */
final class HttpOptions {

    @Option(names = "--http-port", paramLabel = "P", description = "Serve /metrics (Prometheus), /health and /ready"
            + " (and the live page, for sink and demo) on this port; 0 = a free port, printed at start (default: no"
            + " HTTP server)")
    Integer port;

    @Option(names = "--http-host", paramLabel = "HOST", description = "Address the HTTP server binds (default: "
            + MonitorServer.DEFAULT_HOST + ", this machine only; 0.0.0.0 for every interface, e.g. in a container)")
    String host;

    /** Whether a server was asked for. */
    boolean enabled() {
        return port != null;
    }

    /** The address to bind. */
    String host() {
        return host == null ? MonitorServer.DEFAULT_HOST : host;
    }

    /**
     * Fails on settings that cannot work, saying how to fix them.
     *
     * @throws IllegalArgumentException on a port out of range, or a host without a port
     */
    void validate() {
        if (port == null && host != null) {
            throw new IllegalArgumentException("--http-host needs --http-port (0 for a free port)");
        }
        if (port != null && (port < 0 || port > 65535)) {
            throw new IllegalArgumentException("--http-port must be 0..65535 (0 = a free port), got " + port);
        }
    }
}
