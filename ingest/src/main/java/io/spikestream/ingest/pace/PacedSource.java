package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Optional;
import java.util.OptionalLong;

/** A source whose {@link #next()} returns each frame of the wrapped source no earlier than its {@link Pacer} allows. */
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
        if (frame.isPresent()) {
            try {
                pacer.await(frame.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("Interrupted while pacing " + source.name());
            }
        }
        return frame;
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
