package io.spikestream.inference.model.keyframe;

/**
 * When a camera's frame is a key frame in {@code keyframe} mode ({@link KeyFrameNetwork}).
 *
 * @param interval a key frame at least every this many frames of a camera (1 = every frame, as {@code reset})
 * @param adaptiveChange also a key frame as soon as the frame's 8x8-block means differ from the key frame's by
 *     more than this many grey levels on average (0..255); 0 = fixed interval only
 */
public record KeyFrameSettings(int interval, double adaptiveChange) {

    /** Default fixed interval, when weights do not say. */
    public static final int DEFAULT_INTERVAL = 4;
    /** Edge of the blocks whose means the adaptive policy compares, in network-input pixels. */
    public static final int BLOCK = 8;

    /** A key frame every {@link #DEFAULT_INTERVAL} frames, no adaptive trigger. */
    public static final KeyFrameSettings DEFAULT = new KeyFrameSettings(DEFAULT_INTERVAL, 0);

    /** Validates. */
    public KeyFrameSettings {
        if (interval < 1) {
            throw new IllegalArgumentException("keyframe.interval must be at least 1 frame, got " + interval);
        }
        if (!(adaptiveChange >= 0) || adaptiveChange > 255) {
            throw new IllegalArgumentException("keyframe.adaptive.change must be in 0..255 grey levels (0 = off), got "
                    + adaptiveChange);
        }
    }

    /**
     * These settings with the values given in their place.
     *
     * @param interval a new interval, or null to keep this one
     * @param adaptiveChange a new adaptive trigger, or null to keep this one
     * @return the settings
     * @throws IllegalArgumentException for a value out of range
     */
    public KeyFrameSettings overriddenBy(Integer interval, Double adaptiveChange) {
        return new KeyFrameSettings(interval != null ? interval : this.interval,
                adaptiveChange != null ? adaptiveChange : this.adaptiveChange);
    }

    /** Whether a measured change can trigger a key frame before the interval ends. */
    public boolean adaptive() {
        return adaptiveChange > 0;
    }

    /**
     * A short description, e.g. {@code every 4} or {@code adaptive 12, at least every 8} (at interval 1 every frame is
     * a key frame, so the adaptive trigger is not named).
     */
    public String describe() {
        return adaptive() && interval > 1 ? "adaptive " + trim(adaptiveChange) + ", at least every " + interval
                : "every " + interval;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
