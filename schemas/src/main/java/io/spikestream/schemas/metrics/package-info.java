/**
 * What the stages' Micrometer meters share: the bounded {@code camera} label ({@link
 * io.spikestream.schemas.metrics.CameraTags}), the {@code stage} label and the dead-letter counters ({@link
 * io.spikestream.schemas.metrics.StageMeters}). The meters themselves are listed in {@code docs/monitoring.md}.
 */
package io.spikestream.schemas.metrics;
