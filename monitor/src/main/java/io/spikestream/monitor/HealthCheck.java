package io.spikestream.monitor;

/** A check run on every request to {@code /health} or {@code /ready}; it must be cheap and must not block. */
@FunctionalInterface
public interface HealthCheck {

    /** Runs the check now. */
    Check check();
}
