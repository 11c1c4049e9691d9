package io.spikestream.ingest.source;

import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * One decoded frame, copied out of the grabber at once and owned by nobody else: it stays valid after the
 * next grab, can be queued and handed between threads.
 *
 * <p>Pixels are 8-bit RGB, rows top to bottom, interleaved {@code R, G, B} ({@code width * height * 3}
 * bytes). The optional ground truth holds one Cityscapes trainId (0-18, 255 = ignore) per pixel, row-major
 * ({@code width * height} bytes).
 */
public final class CapturedFrame {

    private final String sourceName;
    private final long index;
    private final long timestampMs;
    private final long capturedAtEpochMs;
    private final int width;
    private final int height;
    private final byte[] rgb;
    private final byte[] labelTrainIds;

    /**
     * Copies the given pixel and label arrays.
     *
     * @param sourceName camera or source name, e.g. a camera id or file name
     * @param index 0-based frame index within the source
     * @param timestampMs presentation time within the source in ms (media time for files, time since the
     *     first frame for cameras)
     * @param capturedAtEpochMs wall-clock time at which the frame was grabbed
     * @param width pixels per row
     * @param height rows
     * @param rgb {@code width * height * 3} bytes
     * @param labelTrainIds {@code width * height} trainIds, or {@code null} without ground truth
     */
    public CapturedFrame(String sourceName, long index, long timestampMs, long capturedAtEpochMs, int width,
            int height, byte[] rgb, byte[] labelTrainIds) {
        this(sourceName, index, timestampMs, capturedAtEpochMs, width, height, rgb.clone(),
                labelTrainIds == null ? null : labelTrainIds.clone(), true);
    }

    private CapturedFrame(String sourceName, long index, long timestampMs, long capturedAtEpochMs, int width,
            int height, byte[] rgb, byte[] labelTrainIds, boolean owned) {
        checkSize(width, height, rgb, labelTrainIds);
        this.sourceName = sourceName;
        this.index = index;
        this.timestampMs = timestampMs;
        this.capturedAtEpochMs = capturedAtEpochMs;
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.labelTrainIds = labelTrainIds;
    }

    /** Takes ownership of freshly allocated arrays (no copy); for sources in this package only. */
    static CapturedFrame adopt(String sourceName, long index, long timestampMs, int width, int height, byte[] rgb,
            byte[] labelTrainIds) {
        return new CapturedFrame(sourceName, index, timestampMs, System.currentTimeMillis(), width, height, rgb,
                labelTrainIds, true);
    }

    /**
     * The same frame, captured at another wall-clock time: a paced source's frame exists, for its consumers, from
     * the moment the pacer releases it, as a live camera's frame from the moment it is grabbed.
     *
     * @param epochMs the new capture time
     * @return a frame sharing this one's pixels and labels
     */
    public CapturedFrame capturedAt(long epochMs) {
        return new CapturedFrame(sourceName, index, timestampMs, epochMs, width, height, rgb, labelTrainIds, true);
    }

    private static void checkSize(int width, int height, byte[] rgb, byte[] labels) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Frame size must be positive, got " + width + "x" + height);
        }
        long pixels = (long) width * height;
        if (rgb.length != pixels * 3) {
            throw new IllegalArgumentException("RGB buffer has " + rgb.length + " bytes but a " + width + "x"
                    + height + " frame needs " + pixels * 3);
        }
        if (labels != null && labels.length != pixels) {
            throw new IllegalArgumentException("Label buffer has " + labels.length + " bytes but a " + width + "x"
                    + height + " frame needs " + pixels);
        }
    }

    public String sourceName() {
        return sourceName;
    }

    public long index() {
        return index;
    }

    public long timestampMs() {
        return timestampMs;
    }

    public long capturedAtEpochMs() {
        return capturedAtEpochMs;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    /** Read-only view of the interleaved RGB bytes (no copy). */
    public ByteBuffer rgb() {
        return ByteBuffer.wrap(rgb).asReadOnlyBuffer();
    }

    /** A fresh copy of the interleaved RGB bytes. */
    public byte[] rgbBytes() {
        return rgb.clone();
    }

    /** Read-only view of the ground-truth trainIds, if the source has ground truth for this frame. */
    public Optional<ByteBuffer> labelTrainIds() {
        return Optional.ofNullable(labelTrainIds).map(l -> ByteBuffer.wrap(l).asReadOnlyBuffer());
    }

    /** The pixel at column {@code x}, row {@code y} as {@code 0xRRGGBB}. */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xff) << 16 | (rgb[i + 1] & 0xff) << 8 | rgb[i + 2] & 0xff;
    }

    @Override
    public String toString() {
        return "CapturedFrame[" + sourceName + " #" + index + " @" + timestampMs + "ms " + width + "x" + height
                + (labelTrainIds == null ? "" : " +gt") + "]";
    }
}
