package io.spikestream.ingest.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A live camera: an RTSP/HTTP stream or a V4L2 device, decoded with FFmpeg.
 *
 * <p>Transient failures never reach the caller: a {@link FrameGrabber.Exception}, a stream that ends, or a
 * stall ({@value #MAX_EMPTY_GRABS} grabs in a row without a picture; a blocked read is ended by FFmpeg's
 * {@code timeout} option) closes the connection, and {@link #next()} reconnects with the backoff of the
 * {@link ReconnectPolicy}. Only when the policy gives up does {@code next()} throw. A stream marked finite
 * (a file URL, or a stream whose container reports a duration) ends the source at its end instead.
 *
 * <p>Frame indices run on across reconnects; timestamps are wall-clock ms since the source was built.
 */
public final class CameraSource implements FrameSource {

    static final int MAX_EMPTY_GRABS = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(CameraSource.class);

    private final CameraSettings settings;
    private final GrabberFactory factory;
    private final Sleeper sleeper;
    private final long originNanos = System.nanoTime();
    private FrameGrabber grabber;
    private boolean finite;
    private boolean ended;
    private double frameRate = Grabbers.DEFAULT_FPS;
    private int failures;
    private int emptyGrabs;
    private long nextIndex;
    // Read by other threads for progress reports while the grabbing thread writes them.
    private volatile long connections;
    private volatile long drops;
    private volatile long failedConnects;

    CameraSource(CameraSettings settings, GrabberFactory factory, Sleeper sleeper) {
        this.settings = settings;
        this.factory = factory;
        this.sleeper = sleeper;
    }

    /** A camera reading {@code settings.url()} through FFmpeg. Nothing connects before the first {@link #next()}. */
    public static CameraSource open(CameraSettings settings) {
        return new CameraSource(settings, () -> settings.configure(Grabbers.rgb(settings.url())), Sleeper.SYSTEM);
    }

    @Override
    public Optional<CapturedFrame> next() throws IOException {
        while (!ended) {
            if (grabber == null) {
                connect();
            }
            Optional<CapturedFrame> frame = grabOnce();
            if (frame.isPresent()) {
                failures = 0;
                return frame;
            }
        }
        return Optional.empty();
    }

    private Optional<CapturedFrame> grabOnce() throws IOException {
        Frame frame;
        try {
            frame = grabber instanceof FFmpegFrameGrabber ff ? ff.grabImage() : grabber.grab();
        } catch (FrameGrabber.Exception e) {
            drop("grab failed: " + e.getMessage());
            return Optional.empty();
        }
        if (frame == null) {
            endOfStream();
        } else if (!FrameCopier.hasImage(frame)) {
            if (++emptyGrabs >= MAX_EMPTY_GRABS) {
                drop("stalled: " + emptyGrabs + " grabs without a picture");
            }
        } else {
            emptyGrabs = 0;
            long ms = (System.nanoTime() - originNanos) / 1_000_000;
            return Optional.of(FrameCopier.copy(frame, settings.name(), nextIndex++, ms));
        }
        return Optional.empty();
    }

    private void endOfStream() throws IOException {
        if (finite) {
            LOG.info("{}: end of stream after {} frames", settings.name(), nextIndex);
            ended = true;
            closeGrabber();
        } else {
            drop("stream ended");
        }
    }

    private void drop(String reason) throws IOException {
        drops++;
        failures++;
        LOG.warn("{}: connection lost ({}); reconnecting", settings.name(), reason);
        closeGrabber();
        checkGiveUp(reason);
    }

    private void connect() throws IOException {
        while (grabber == null) {
            if (failures > 0) {
                pause(settings.reconnect().delayAfter(failures));
            }
            FrameGrabber candidate = null;
            try {
                candidate = factory.create();
                candidate.start();
                opened(candidate);
            } catch (FrameGrabber.Exception e) {
                closeQuietly(candidate);
                failures++;
                failedConnects++;
                LOG.warn("{}: cannot connect to {} (attempt {}): {}", settings.name(), safeUrl(), failures,
                        e.getMessage());
                checkGiveUp(e.getMessage());
            }
        }
    }

    private void opened(FrameGrabber started) {
        grabber = started;
        emptyGrabs = 0;
        finite = settings.finite() || started.getLengthInTime() > 0;
        double fps = started instanceof FFmpegFrameGrabber ff ? Grabbers.frameRate(ff) : started.getFrameRate();
        frameRate = fps > 0 ? fps : frameRate;
        if (connections++ > 0) {
            LOG.info("{}: reconnected (reconnect #{})", settings.name(), connections - 1);
        }
    }

    private void checkGiveUp(String lastError) throws IOException {
        if (settings.reconnect().givesUpAfter(failures)) {
            ended = true;
            throw new IOException("Camera " + settings.name() + " (" + safeUrl() + ") failed " + failures
                    + " times in a row; giving up. Last error: " + lastError);
        }
    }

    private void pause(Duration delay) throws InterruptedIOException {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting to reconnect to " + safeUrl());
        }
    }

    /** Successful connections after the first one. */
    public long reconnects() {
        return Math.max(connections - 1, 0);
    }

    /** Connection attempts that failed. */
    public long failedConnects() {
        return failedConnects;
    }

    /** Connections lost (errors, unexpected ends of stream, stalls). */
    public long drops() {
        return drops;
    }

    @Override
    public double frameRate() {
        return frameRate;
    }

    @Override
    public String name() {
        return settings.name();
    }

    @Override
    public String description() {
        return "camera " + settings.name() + " (" + safeUrl() + ")";
    }

    private String safeUrl() {
        return FrameSources.redactCredentials(settings.url());
    }

    @Override
    public void close() throws IOException {
        ended = true;
        closeGrabber();
    }

    private void closeGrabber() {
        closeQuietly(grabber);
        grabber = null;
    }

    private void closeQuietly(FrameGrabber g) {
        if (g == null) {
            return;
        }
        try {
            g.close();
        } catch (FrameGrabber.Exception e) {
            LOG.debug("{}: error while closing the grabber: {}", settings.name(), e.getMessage());
        }
    }

    /** Creates an unstarted grabber for one connection attempt. */
    @FunctionalInterface
    interface GrabberFactory {
        FrameGrabber create() throws FrameGrabber.Exception;
    }

    /** Waits between attempts; replaced by a recording fake in tests. */
    @FunctionalInterface
    interface Sleeper {
        Sleeper SYSTEM = d -> Thread.sleep(d.toMillis());

        void sleep(Duration delay) throws InterruptedException;
    }
}
