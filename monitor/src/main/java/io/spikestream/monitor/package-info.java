/**
 * The HTTP endpoint every stage can serve ({@code --http-port}): {@code /metrics} in the Prometheus text format
 * from a Micrometer registry, {@code /health} and {@code /ready} with JSON bodies, and pages other modules mount
 * (the sink's live page). Only {@code app} depends on this module.
 */
package io.spikestream.monitor;
