package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.CapturedFrame;

final class TestFrames {

    private TestFrames() {}

    /** A 1x1 frame whose red channel is {@code index}. */
    static CapturedFrame frame(long index, long timestampMs) {
        return new CapturedFrame("test", index, timestampMs, 0, 1, 1, new byte[] {(byte) index, 0, 0}, null);
    }
}
