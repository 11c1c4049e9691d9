package io.spikestream.ingest.encode;

import java.util.Optional;

/**
 * An encoded frame, ready to be put into a record.
 *
 * @param image the encoded picture
 * @param format its format
 * @param width width after any resize
 * @param height height after any resize
 * @param labelPng ground-truth trainIds as an 8-bit greyscale PNG of the same size, or {@code null}
 */
public record EncodedFrame(byte[] image, ImageFormat format, int width, int height, byte[] labelPng) {

    public Optional<byte[]> label() {
        return Optional.ofNullable(labelPng);
    }

    /** Bytes of picture plus label. */
    public int totalBytes() {
        return image.length + (labelPng == null ? 0 : labelPng.length);
    }
}
