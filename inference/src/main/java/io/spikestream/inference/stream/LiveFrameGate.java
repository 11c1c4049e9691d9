package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import java.time.Clock;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides whether a live frame would be too old by the time its result is out: its age (the wall clock minus its
 * capture time) plus the time a frame currently takes from here to its result is above {@code live.max.age.ms}.
 * That time is a running average of what the processor reports ({@link #served}), counted at most up to
 * half the budget, so that a stage slower than the budget still segments the freshest frames instead of none.
 * Replay frames always pass. Cheap: it reads only the frame's fields, so the processor asks it before decoding
 * the image and again just before the frame joins a batch. Thread-safe (the stream threads share it).
 *
 * <p><b>Fair share.</b> A camera whose frames age out is <em>starving</em> until one of its frames is segmented.
 * A young frame of a camera gives up its turn ({@link SkipReason#FAIR_SHARE}) while another live camera, seen
 * within twice the budget, is starving and was segmented longer ago: Kafka Streams works through several records
 * of one camera's task before it turns to the next, and without this the camera with more frames takes the model
 * (docs/live-shedding.md). Giving up a turn costs microseconds, so the starving camera's task comes sooner.
 */
final class LiveFrameGate {

    private static final Logger LOG = LoggerFactory.getLogger(LiveFrameGate.class);
    /** Weight of the newest frame in the running average of the service time. */
    private static final double SMOOTHING = 0.2;
    /** Frames served before a slow stage is worth a warning (the first passes include the model's warm-up). */
    private static final int WARM_UP = 5;

    private final long maxAgeMillis;
    private final Clock clock;
    private final Map<String, Turns> cameras = new HashMap<>();
    private double serviceMillis;
    private long samples;
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
        long now = clock.millis();
        long age = now - frame.getCaptureTime().toEpochMilli();
        synchronized (this) {
            Turns turns = turnsOf(frame.getCameraId(), now);
            if (age > maxAgeMillis - expectedServiceMillis()) {
                turns.starving = true;
                return Optional.of(new Skip(SkipReason.TOO_OLD, age));
            }
            return anotherIsStarving(frame.getCameraId(), turns, now)
                    ? Optional.of(new Skip(SkipReason.FAIR_SHARE, age)) : Optional.empty();
        }
    }

    /** The gate's wall clock, in ms since the epoch (what {@link #served} durations are measured with). */
    long now() {
        return clock.millis();
    }

    /** Reports that {@code frame} was segmented, {@code millis} after its last check. */
    synchronized void served(Frame frame, long millis) {
        samples++;
        serviceMillis = serviceMillis == 0 ? millis : (1 - SMOOTHING) * serviceMillis + SMOOTHING * millis;
        if (frame.getDelivery() != FrameDelivery.LIVE) {
            return;
        }
        Turns turns = turnsOf(frame.getCameraId(), clock.millis());
        turns.lastServed = clock.millis();
        turns.starving = false;
        if (!warned && samples >= WARM_UP && serviceMillis > maxAgeMillis / 2.0 && maxAgeMillis > 0) {
            warned = true;
            LOG.warn("A frame takes {} ms from its age check to its result, more than half of live.max.age.ms={}:"
                    + " live results will be up to about {} ms old; raise live.max.age.ms to at least {} to keep"
                    + " them within it", Math.round(serviceMillis), maxAgeMillis,
                    Math.round(maxAgeMillis / 2.0 + serviceMillis), Math.round(2 * serviceMillis));
        }
    }

    private Turns turnsOf(String cameraId, long now) {
        Turns turns = cameras.computeIfAbsent(cameraId, id -> new Turns());
        turns.lastSeen = now;
        return turns;
    }

    /** Whether another active camera is starving and was served before {@code turns}' camera; forgets idle ones. */
    private boolean anotherIsStarving(String cameraId, Turns turns, long now) {
        boolean found = false;
        for (Iterator<Map.Entry<String, Turns>> it = cameras.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Turns> other = it.next();
            if (other.getValue().lastSeen < now - 2 * maxAgeMillis) {
                it.remove();
            } else if (!other.getKey().equals(cameraId) && other.getValue().starving
                    && other.getValue().lastServed < turns.lastServed) {
                found = true;
            }
        }
        return found;
    }

    /** When a camera was last seen and served, and whether its frames have aged out since. */
    private static final class Turns {
        long lastSeen;
        long lastServed = Long.MIN_VALUE;
        boolean starving;
    }

    /** The expected time from a check to the result, at most half the budget, in ms. */
    synchronized long expectedServiceMillis() {
        return Math.round(Math.min(serviceMillis, maxAgeMillis / 2.0));
    }
}
