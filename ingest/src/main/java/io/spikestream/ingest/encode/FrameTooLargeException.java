package io.spikestream.ingest.encode;

import java.util.Locale;

/** An encoded frame exceeds the configured maximum record payload; the message says how to fix it. */
public final class FrameTooLargeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String camera;
    private final long frameIndex;
    private final int encodedBytes;
    private final int limitBytes;

    /**
     * @param camera camera id
     * @param frameIndex frame index within the source
     * @param encodedBytes bytes of the encoded frame (and whatever else counts against the limit)
     * @param limitBytes the limit
     * @param settings the encoding settings, e.g. {@code "JPEG quality 85 at 1024x512, no max width"}
     */
    public FrameTooLargeException(String camera, long frameIndex, int encodedBytes, int limitBytes, String settings) {
        super(String.format(Locale.ROOT, "Frame %d of camera '%s' encodes to %,d bytes (%s), over the limit of %,d bytes. "
                + "Lower the JPEG quality or switch PNG to JPEG, resize with a smaller maximum width, or raise the "
                + "limit together with max.message.bytes on the broker/topic and the producer's "
                + "max.request.size.", frameIndex, camera, encodedBytes, settings, limitBytes));
        this.camera = camera;
        this.frameIndex = frameIndex;
        this.encodedBytes = encodedBytes;
        this.limitBytes = limitBytes;
    }

    public String camera() {
        return camera;
    }

    public long frameIndex() {
        return frameIndex;
    }

    public int encodedBytes() {
        return encodedBytes;
    }

    public int limitBytes() {
        return limitBytes;
    }
}
