package io.spikestream.ingest.source;

import java.io.IOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A pull-based stream of decoded frames: a video file, a camera or an image folder.
 *
 * <p>Each {@link CapturedFrame} is an independent copy, so callers may keep or queue it. Implementations are
 * not thread-safe: one thread calls {@link #next()} and {@link #close()} (wrap a source in
 * {@code pace.LatestFrameBuffer} to grab on a thread of its own).
 */
public interface FrameSource extends AutoCloseable {

    /**
     * Blocks until the next frame is decoded.
     *
     * @return the frame, or empty at the end of the stream (after which every call returns empty)
     * @throws IOException when the source fails for good (a camera source retries transient drops itself)
     */
    Optional<CapturedFrame> next() throws IOException;

    /** Nominal frames per second (the container's or camera's rate, or the configured rate of a folder). */
    double frameRate();

    /** Number of frames when known in advance (files, folders), for progress reporting. */
    default OptionalLong frameCount() {
        return OptionalLong.empty();
    }

    /** Name stamped on every frame, e.g. the camera id. */
    String name();

    /** Human-readable description for logs, e.g. {@code "video file /data/a.mp4 (1920x1080, 25.0 fps)"}. */
    String description();

    @Override
    void close() throws IOException;
}
