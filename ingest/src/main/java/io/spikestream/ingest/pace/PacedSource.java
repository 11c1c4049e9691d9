package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A source whose {@link #next()} returns each frame of the wrapped source no earlier than its {@link Pacer} allows,
 * stamped as captured when it is released: a file or synthetic clip played at its frame rate stands for a live
 * camera, whose frame does not exist before its time (the age live frames are shed by starts there).
 */
public final class PacedSource implements FrameSource {

    private final FrameSource source;
    private final Pacer pacer;

    public PacedSource(FrameSource source, Pacing pacing, PaceClock clock) {
        this.source = source;
        this.pacer = new Pacer(pacing, source.frameRate(), clock);
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        Optional<CapturedFrame> frame = source.next();
        if (frame.isEmpty()) {
            return frame;
        }
        try {
            pacer.await(frame.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while pacing " + source.name());
        }
        return Optional.of(frame.get().capturedAt(System.currentTimeMillis()));
    }

    @Override
    public double frameRate() {
        return source.frameRate();
    }

    @Override
    public OptionalLong frameCount() {
        return source.frameCount();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String description() {
        return source.description();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
