package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.CapturedFrame;

/**
 * Releases frames on a schedule: frame {@code n} is due at {@code t0 + n / fps} (fixed) or at
 * {@code t0 + (timestamp_n - timestamp_0)} (source). A consumer that falls more than one frame period behind
 * restarts the schedule at the current frame instead of bursting through the backlog, so lateness never
 * accumulates; a timestamp that goes backwards or jumps by more than {@value #MAX_GAP_MS} ms also restarts it.
 * Not thread-safe: one pacer per stream.
 */
public final class Pacer {

    static final long MAX_GAP_MS = 10_000;

    private final Pacing pacing;
    private final long periodNanos;
    private final PaceClock clock;
    private boolean anchored;
    private long anchorNanos;
    private long anchorTimestampMs;
    private long lastTimestampMs;
    private long framesSinceAnchor;

    /**
     * @param pacing the mode
     * @param sourceFps the source's nominal rate, used as the tolerance of {@code source} pacing
     * @param clock time source
     */
    public Pacer(Pacing pacing, double sourceFps, PaceClock clock) {
        this.pacing = pacing;
        double fps = pacing.mode() == Pacing.Mode.FIXED ? pacing.fps() : sourceFps;
        this.periodNanos = fps > 0 ? Math.round(1e9 / fps) : 0;
        this.clock = clock;
    }

    /** Blocks until {@code frame} is due. */
    public void await(CapturedFrame frame) throws InterruptedException {
        if (pacing.mode() == Pacing.Mode.MAX) {
            return;
        }
        long now = clock.nanoTime();
        long offset = anchored ? offsetNanos(frame) : -1;
        if (offset < 0 || now - (anchorNanos + offset) > periodNanos) {
            anchor(frame, now);
            return;
        }
        long wait = anchorNanos + offset - now;
        if (wait > 0) {
            clock.sleepNanos(wait);
        }
    }

    /** Offset of the frame's due time from the anchor, or -1 when the schedule must restart. */
    private long offsetNanos(CapturedFrame frame) {
        framesSinceAnchor++;
        if (pacing.mode() == Pacing.Mode.FIXED) {
            return framesSinceAnchor * periodNanos;
        }
        long ts = frame.timestampMs();
        boolean jumped = ts < lastTimestampMs || ts - lastTimestampMs > MAX_GAP_MS;
        lastTimestampMs = ts;
        return jumped ? -1 : (ts - anchorTimestampMs) * 1_000_000;
    }

    private void anchor(CapturedFrame frame, long now) {
        anchored = true;
        anchorNanos = now;
        anchorTimestampMs = frame.timestampMs();
        lastTimestampMs = frame.timestampMs();
        framesSinceAnchor = 0;
    }
}
