package io.spikestream.ingest.source;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/**
 * A scripted grabber: fails to start, or delivers {@code frames} 4x2 frames (every byte = a global counter,
 * decoded into ONE reused {@link Frame}, like JavaCV) and then ends or throws.
 */
final class FakeGrabber extends FrameGrabber {

    enum After {
        END,
        THROW
    }

    static final AtomicInteger VALUES = new AtomicInteger();

    private final boolean failStart;
    private final int frames;
    private final After after;
    private final long lengthMicros;
    private final Frame reused = new Frame(4, 2, Frame.DEPTH_UBYTE, 3);
    private int delivered;
    boolean closed;

    private FakeGrabber(boolean failStart, int frames, After after, long lengthMicros) {
        this.failStart = failStart;
        this.frames = frames;
        this.after = after;
        this.lengthMicros = lengthMicros;
    }

    static FakeGrabber failing() {
        return new FakeGrabber(true, 0, After.END, 0);
    }

    static FakeGrabber delivering(int frames, After after) {
        return new FakeGrabber(false, frames, after, 0);
    }

    static FakeGrabber finiteFile(int frames) {
        return new FakeGrabber(false, frames, After.END, 1_000_000);
    }

    @Override
    public void start() throws Exception {
        if (failStart) {
            throw new Exception("Connection refused (fake)");
        }
    }

    @Override
    public Frame grab() throws Exception {
        if (delivered == frames) {
            if (after == After.THROW) {
                throw new Exception("Connection reset by peer (fake)");
            }
            return null;
        }
        delivered++;
        ByteBuffer pixels = (ByteBuffer) reused.image[0];
        byte value = (byte) VALUES.incrementAndGet();
        for (int i = 0; i < pixels.capacity(); i++) {
            pixels.put(i, value);
        }
        return reused;
    }

    @Override
    public long getLengthInTime() {
        return lengthMicros;
    }

    @Override
    public void stop() {}

    @Override
    public void trigger() {}

    @Override
    public void release() {
        closed = true;
    }
}
