package io.spikestream.ingest.pace;

import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live delivery: a thread of its own pulls frames from the wrapped source as fast as the source produces
 * them, and {@link #next()} returns the newest frame not yet delivered. At most one frame waits; when a newer
 * frame arrives before the consumer took the waiting one, the waiting one is dropped and counted, so a slow
 * consumer sees fresh frames (no latency creep) and memory stays bounded.
 *
 * <p>The grabbing thread owns the wrapped source and closes it when it ends: closing a JavaCV grabber from
 * another thread while it decodes is unsafe. A source failure reaches the consumer after the waiting frame.
 */
public final class LatestFrameBuffer implements FrameSource {

    static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(LatestFrameBuffer.class);

    private final FrameSource source;
    private final Thread grabber;
    private final Object lock = new Object();
    private CapturedFrame pending;
    private IOException failure;
    private boolean finished;
    private volatile boolean closing;
    private long received;
    private long dropped;

    private LatestFrameBuffer(FrameSource source) {
        this.source = source;
        this.grabber = new Thread(this::run, "grab-" + source.name());
        this.grabber.setDaemon(true);
    }

    /** Starts grabbing from {@code source} on a new daemon thread. */
    public static LatestFrameBuffer start(FrameSource source) {
        LatestFrameBuffer buffer = new LatestFrameBuffer(source);
        buffer.grabber.start();
        return buffer;
    }

    private void run() {
        try (FrameSource s = source) {
            for (Optional<CapturedFrame> f = s.next(); f.isPresent() && !closing; f = s.next()) {
                offer(f.get());
            }
        } catch (IOException | RuntimeException e) {
            if (!closing) {
                fail(e instanceof IOException io ? io : new IOException(source.name() + " failed", e));
            }
        } finally {
            synchronized (lock) {
                finished = true;
                lock.notifyAll();
            }
        }
    }

    private void offer(CapturedFrame frame) {
        synchronized (lock) {
            if (pending != null) {
                dropped++;
            }
            pending = frame;
            received++;
            lock.notifyAll();
        }
    }

    private void fail(IOException e) {
        synchronized (lock) {
            failure = e;
        }
    }

    /** Blocks until a frame newer than the last one delivered is available; empty once the source ended. */
    @Override
    public Optional<CapturedFrame> next() throws IOException {
        synchronized (lock) {
            while (pending == null && !finished) {
                waitForFrame();
            }
            if (pending != null) {
                CapturedFrame frame = pending;
                pending = null;
                return Optional.of(frame);
            }
            if (failure != null) {
                throw new IOException("Live source " + source.name() + " failed: " + failure.getMessage(), failure);
            }
            return Optional.empty();
        }
    }

    private void waitForFrame() throws InterruptedIOException {
        try {
            lock.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for a frame from " + source.name());
        }
    }

    /** Frames grabbed from the source so far. */
    public long received() {
        synchronized (lock) {
            return received;
        }
    }

    /** Frames replaced by a newer one before the consumer took them. */
    public long dropped() {
        synchronized (lock) {
            return dropped;
        }
    }

    @Override
    public double frameRate() {
        return source.frameRate();
    }

    @Override
    public String name() {
        return source.name();
    }

    @Override
    public String description() {
        return source.description() + ", live (newest frame only)";
    }

    /**
     * Stops grabbing and waits up to {@link #CLOSE_WAIT} for the grabbing thread, which closes the source.
     * A grab blocked in native code ends at the source's own I/O timeout.
     */
    @Override
    public void close() throws IOException {
        closing = true;
        grabber.interrupt();
        try {
            grabber.join(CLOSE_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while closing " + source.name());
        }
        if (grabber.isAlive()) {
            LOG.warn("{}: grabbing thread still blocked after {}; it will close the source when it returns",
                    source.name(), CLOSE_WAIT);
        }
    }
}
