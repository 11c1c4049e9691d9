package io.spikestream.ingest.service;

import java.util.Optional;

/**
 * Receives progress from the publishing thread of an {@link IngestService}, every {@code progress.interval.ms}
 * and once at the end. Calls come from that thread: keep them short.
 */
@FunctionalInterface
public interface IngestListener {

    IngestListener NONE = progress -> { };

    void onProgress(IngestProgress progress);

    /** Called once when the run ends: the source ended, {@code max.frames} was reached, it was closed or failed. */
    default void onFinished(IngestProgress progress, Optional<Throwable> failure) {
        onProgress(progress);
    }
}
