package io.spikestream.ingest.source;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;

/**
 * Copies the pixels of a JavaCV {@link Frame} into a new {@link CapturedFrame}. JavaCV grabbers decode each
 * frame into the buffer of the previous one, so this copy must happen before the next {@code grab()}.
 */
final class FrameCopier {

    private FrameCopier() {}

    /** Whether the frame carries a picture (grabbers may also return audio or data frames). */
    static boolean hasImage(Frame frame) {
        return frame.image != null && frame.image.length > 0 && frame.imageWidth > 0 && frame.imageHeight > 0;
    }

    /**
     * Copies an 8-bit, 3-channel RGB frame (grabbers are configured with {@code AV_PIX_FMT_RGB24}), row by
     * row because rows may be padded ({@code imageStride >= width * 3}).
     */
    static CapturedFrame copy(Frame frame, String sourceName, long index, long timestampMs) throws IOException {
        if (frame.imageChannels != 3 || frame.imageDepth != Frame.DEPTH_UBYTE
                || !(frame.image[0] instanceof ByteBuffer)) {
            throw new IOException("Unsupported frame layout from " + sourceName + ": " + frame.imageChannels
                    + " channels, depth " + frame.imageDepth + " (expected 8-bit RGB)");
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        ByteBuffer src = (ByteBuffer) frame.image[0];
        int stride = frame.imageStride > 0 ? frame.imageStride : w * 3;
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            src.get(y * stride, rgb, y * w * 3, w * 3);
        }
        return CapturedFrame.adopt(sourceName, index, timestampMs, w, h, rgb, null);
    }
}
