package io.spikestream.sink.live;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.sink.stats.FrameStatistics;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The latest state of every camera the sink writes, for the {@link LivePage}: fed by the sink's writer as it
 * writes results and overlays, read by the page's clients. Thread-safe.
 *
 * <p>An update is a cheap in-memory step that never waits for a reader: it takes the camera's own lock (shared
 * only with other writers of that camera), replaces the camera's immutable {@link CameraSnapshot} and then
 * advances {@link #changes()}. Readers only read the snapshots, so a slow web client cannot hold up a writer.
 * A reader that sees {@link #changes()} move and then reads {@link #cameras()} sees every update counted so
 * far.
 */
public final class LiveView {

    private final boolean overlays;
    private final Map<String, CameraWindow> windows = new ConcurrentHashMap<>();
    private final Map<String, CameraSnapshot> snapshots = new ConcurrentHashMap<>();
    private final AtomicLong versions = new AtomicLong();
    private final AtomicLong changes = new AtomicLong();

    /**
     * An empty view.
     *
     * @param overlays whether the sink writes overlays (false when the overlay format is "none": the page then
     *     shows the class shares only)
     */
    public LiveView(boolean overlays) {
        this.overlays = overlays;
    }

    /** Whether the sink writes overlays. */
    public boolean overlays() {
        return overlays;
    }

    /**
     * Adds a written result.
     *
     * @param result the result
     * @param stats its statistics, {@code FrameStatistics.of(result, now)}
     */
    public void resultWritten(SegmentationResult result, FrameStatistics stats) {
        update(result.getCameraId(), w -> {
            w.written(stats, result.getWidth(), result.getHeight());
            return true;
        });
    }

    /**
     * Adds the result of a frame inference skipped.
     *
     * @param stats its statistics
     */
    public void resultSkipped(FrameStatistics stats) {
        update(stats.cameraId(), w -> {
            w.skipped(stats);
            return true;
        });
    }

    /**
     * Makes {@code file} the camera's latest overlay, unless the camera has one of a higher sequence.
     *
     * @param cameraId the camera
     * @param sequence the frame's sequence
     * @param file the overlay file the sink wrote
     */
    public void overlayWritten(String cameraId, long sequence, Path file) {
        Objects.requireNonNull(file, "file");
        update(cameraId, w -> w.overlay(sequence, file));
    }

    /** A count that grows after every update; unchanged means no camera changed. */
    public long changes() {
        return changes.get();
    }

    /** The current snapshot of every camera, in no particular order. */
    public List<CameraSnapshot> cameras() {
        return new ArrayList<>(snapshots.values());
    }

    /** The current snapshot of one camera, empty when the sink has written nothing of it. */
    public Optional<CameraSnapshot> camera(String cameraId) {
        return Optional.ofNullable(snapshots.get(cameraId));
    }

    private interface Change {
        boolean apply(CameraWindow window);
    }

    private void update(String cameraId, Change change) {
        CameraWindow window = windows.computeIfAbsent(cameraId, CameraWindow::new);
        synchronized (window) {
            if (!change.apply(window)) {
                return;
            }
            snapshots.put(cameraId, window.snapshot(versions.incrementAndGet()));
        }
        changes.incrementAndGet();
    }
}
