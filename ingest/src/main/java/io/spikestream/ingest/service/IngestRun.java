package io.spikestream.ingest.service;

import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.encode.FrameEncoder;
import io.spikestream.ingest.pace.LatestFrameBuffer;
import io.spikestream.ingest.pace.PaceClock;
import io.spikestream.ingest.publish.FramePublisher;
import io.spikestream.ingest.source.CameraSource;
import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.ingest.source.FrameSource;
import io.spikestream.ingest.source.FrameSources;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * One run of source, pacing, encoding and publishing, on the publishing thread: pulls frames until the source
 * ends (reopening it when looping), {@code max.frames} is reached or {@code stopped} says so, and reports
 * progress. Owns the source; the publisher is closed by the caller.
 */
final class IngestRun {

    private static final long RATE_WINDOW_NANOS = 5_000_000_000L;

    private final IngestConfig config;
    private final FramePublisher publisher;
    private final IngestListener listener;
    private final LongSupplier nanos;
    private final String cameraId;
    private final String description;
    private final FrameEncoder encoder;
    private final OptionalLong total;
    private final long startNanos;
    private final RateMeter rate;
    private FrameSource raw;
    private FrameSource current;
    private long taken;
    private long roundFrames;
    private long droppedBefore;
    private long lastReportNanos;

    IngestRun(IngestConfig config, FrameSource source, FramePublisher publisher, IngestListener listener,
            LongSupplier nanos) {
        this.config = config;
        this.publisher = publisher;
        this.listener = listener;
        this.nanos = nanos;
        this.cameraId = config.cameraId();
        this.description = source.description();
        this.encoder = FrameEncoder.builder().setFormat(config.encoding()).optJpegQuality(config.jpegQuality())
                .optMaxWidth(config.maxWidth()).optMaxBytes(publisher.maxEncodedBytes(cameraId, description)).build();
        this.total = total(config, source);
        this.startNanos = nanos.getAsLong();
        this.lastReportNanos = startNanos;
        this.rate = new RateMeter(RATE_WINDOW_NANOS, startNanos);
        use(source);
    }

    private static OptionalLong total(IngestConfig config, FrameSource source) {
        OptionalLong count = config.loop() ? OptionalLong.empty() : source.frameCount();
        long max = config.maxFrames();
        if (max == 0) {
            return count;
        }
        return OptionalLong.of(count.isPresent() ? Math.min(max, count.getAsLong()) : max);
    }

    private void use(FrameSource source) {
        raw = source;
        current = config.delivery().wrap(source, config.pacing(), PaceClock.SYSTEM);
        roundFrames = 0;
    }

    /** Publishes until the source ends, the frame limit is reached or {@code stopped} is true; then flushes. */
    void run(BooleanSupplier stopped) throws IOException {
        while (!stopped.getAsBoolean() && !limitReached()) {
            Optional<CapturedFrame> frame = current.next();
            if (frame.isPresent()) {
                publish(frame.get());
            } else if (!restart(stopped)) {
                break;
            }
        }
        publisher.flush();
    }

    private boolean limitReached() {
        return config.maxFrames() > 0 && taken >= config.maxFrames();
    }

    private void publish(CapturedFrame frame) {
        publisher.publish(cameraId, frame, encoder.encode(frame), description);
        taken++;
        roundFrames++;
        long now = nanos.getAsLong();
        if (now - lastReportNanos >= config.progressInterval().toNanos()) {
            lastReportNanos = now;
            listener.onProgress(snapshot(now, rate.update(now, publisher.published()), false));
        }
    }

    private boolean restart(BooleanSupplier stopped) throws IOException {
        if (!config.loop() || stopped.getAsBoolean() || roundFrames == 0) {
            return false;
        }
        droppedBefore += dropped();
        current.close();
        use(FrameSources.open(config.source(), config.sourceOptions()));
        return true;
    }

    private long dropped() {
        return current instanceof LatestFrameBuffer live ? live.dropped() : 0;
    }

    /** The final snapshot, with the average rate of the whole run. */
    IngestProgress finalProgress() {
        long now = nanos.getAsLong();
        double seconds = (now - startNanos) / 1e9;
        return snapshot(now, seconds > 0 ? publisher.published() / seconds : 0, true);
    }

    private IngestProgress snapshot(long now, double fps, boolean finished) {
        long reconnects = raw instanceof CameraSource camera ? camera.reconnects() : 0;
        return new IngestProgress(publisher.published(), publisher.acknowledged(), droppedBefore + dropped(),
                publisher.failedSends(), reconnects, publisher.bytesAcknowledged(), total, fps,
                Duration.ofNanos(now - startNanos), finished);
    }

    OptionalLong total() {
        return total;
    }

    void closeSource() throws IOException {
        current.close();
    }
}
