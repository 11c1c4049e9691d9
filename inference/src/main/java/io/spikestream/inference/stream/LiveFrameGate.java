package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a live frame would be too old by the time its result is out: its age (the wall clock minus its
 * capture time) plus the time a frame currently takes from here to its result is above {@code live.max.age.ms}.
 * That time is a running average of what the processor reports ({@link #served(long)}), counted at most up to
 * half the budget, so that a stage slower than the budget still segments the freshest frames instead of none.
 * Replay frames always pass. Cheap: it reads only the frame's fields, so the processor asks it before decoding
 * the image and again just before the frame joins a batch. Thread-safe (the stream threads share it).
 */
final class LiveFrameGate {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFrameGate.class);
    /** Weight of the newest frame in the running average of the service time. */
    private static final double SMOOTHING = 0.2;

    private final long maxAgeMillis;
    private final Clock clock;
    private double serviceMillis;
    private boolean warned;

    /**
     * @param maxAgeMillis largest age a live frame's result should have when it is produced; 0 = every frame is
     *     segmented
     * @param clock the wall clock ages are measured with
     */
    LiveFrameGate(long maxAgeMillis, Clock clock) {
        this.maxAgeMillis = maxAgeMillis;
        this.clock = clock;
    }

    /**
     * @param frame the frame
     * @return why and at which age the frame is skipped, or empty when it is to be segmented
     */
    Optional<Skip> check(Frame frame) {
        if (maxAgeMillis == 0 || frame.getDelivery() != FrameDelivery.LIVE) {
            return Optional.empty();
        }
        long age = clock.millis() - frame.getCaptureTime().toEpochMilli();
        return age > maxAgeMillis - expectedServiceMillis() ? Optional.of(new Skip(SkipReason.TOO_OLD, age))
                : Optional.empty();
    }

    /** The gate's wall clock, in ms since the epoch (what {@link #served(long)} durations are measured with). */
    long now() {
        return clock.millis();
    }

    /** Reports how long a frame took from its last check to its result, in ms of {@link #now()}. */
    synchronized void served(long millis) {
        serviceMillis = serviceMillis == 0 ? millis : (1 - SMOOTHING) * serviceMillis + SMOOTHING * millis;
        if (!warned && serviceMillis > maxAgeMillis / 2.0 && maxAgeMillis > 0) {
            warned = true;
            LOG.warn("A frame takes {} ms from its age check to its result, more than half of live.max.age.ms={}:"
                    + " live results will be up to about {} ms old; raise live.max.age.ms to at least {} to keep"
                    + " them within it", Math.round(serviceMillis), maxAgeMillis,
                    Math.round(maxAgeMillis / 2.0 + serviceMillis), Math.round(2 * serviceMillis));
        }
    }

    /** The expected time from a check to the result, at most half the budget, in ms. */
    synchronized long expectedServiceMillis() {
        return Math.round(Math.min(serviceMillis, maxAgeMillis / 2.0));
    }
}
