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
 * <p><b>Fair share.</b> The gate grants live cameras their turns least recently first, like round robin: a young
 * frame gives up its turn ({@link SkipReason#FAIR_SHARE}) while another live camera, seen within twice the budget,
 * was let through longer ago and has a frame waiting that is still young enough. "Waiting" is predicted from the
 * camera's frame interval (a running average of its capture times' spacing): its next frame was captured and has
 * not been seen yet. Frames are seen in capture order per partition, so a camera sharing the partition has that
 * frame right behind; one in another task of the same stream thread comes when Kafka Streams turns to that task.
 * Without this, the camera whose frame happens to come first after each model pass takes the model, and with
 * periodic cameras that can be the same camera every time (docs/live-shedding.md). Giving up a turn costs
 * microseconds and never waits for a frame that has not been captured. A frame's turn, once granted, stays granted:
 * the processor checks it again after decoding its image, and then only its age counts.
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
        long capture = frame.getCaptureTime().toEpochMilli();
        long age = now - capture;
        synchronized (this) {
            long youngFor = maxAgeMillis - expectedServiceMillis();
            Turns turns = turnsOf(frame.getCameraId(), now);
            turns.saw(capture);
            if (age > youngFor) {
                return Optional.of(new Skip(SkipReason.TOO_OLD, age));
            }
            if (capture == turns.admittedCapture) {
                return Optional.empty();
            }
            if (anotherHasTheTurn(frame.getCameraId(), turns, now, youngFor)) {
                return Optional.of(new Skip(SkipReason.FAIR_SHARE, age));
            }
            turns.lastAdmitted = now;
            turns.admittedCapture = capture;
            return Optional.empty();
        }
    }

    /** The gate's wall clock, in ms since the epoch (what {@link #served} durations are measured with). */
    long now() {
        return clock.millis();
    }

    /** Reports that {@code frame} was segmented, {@code millis} after its last check. */
    synchronized void served(Frame frame, long millis) {
        samples++;
        serviceMillis = average(serviceMillis, millis);
        if (frame.getDelivery() != FrameDelivery.LIVE) {
            return;
        }
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

    /**
     * Whether another active camera was let through before {@code turns}' camera and has a young frame waiting;
     * forgets cameras not seen for twice the budget.
     */
    private boolean anotherHasTheTurn(String cameraId, Turns turns, long now, long youngFor) {
        boolean found = false;
        for (Iterator<Map.Entry<String, Turns>> it = cameras.entrySet().iterator(); it.hasNext();) {
            Map.Entry<String, Turns> other = it.next();
            if (other.getValue().lastSeen < now - 2 * maxAgeMillis) {
                it.remove();
            } else if (!other.getKey().equals(cameraId) && other.getValue().lastAdmitted < turns.lastAdmitted
                    && other.getValue().hasYoungFrameWaiting(now, youngFor)) {
                found = true;
            }
        }
        return found;
    }

    /** A camera's turns: when it was last seen and let through, and when its next frame is due. */
    private static final class Turns {
        long lastSeen;
        long lastAdmitted = Long.MIN_VALUE;
        /** Capture time of the frame it was last let through with: checking that frame again only checks its age. */
        long admittedCapture = Long.MIN_VALUE;
        long lastCapture = Long.MIN_VALUE;
        /** Running average of the spacing of its capture times, in ms; 0 until two frames were seen. */
        double intervalMillis;

        void saw(long capture) {
            if (lastCapture != Long.MIN_VALUE && capture > lastCapture) {
                intervalMillis = average(intervalMillis, capture - lastCapture);
            }
            lastCapture = Math.max(lastCapture, capture);
        }

        /** Whether its next frame was captured by {@code now}, not seen yet, and less than {@code youngFor} old. */
        boolean hasYoungFrameWaiting(long now, long youngFor) {
            if (intervalMillis == 0) {
                return false;
            }
            long due = lastCapture + Math.round(intervalMillis);
            return due <= now && now - due <= youngFor;
        }
    }

    /** {@code average} moved toward {@code sample} by {@link #SMOOTHING}; the sample itself while it is 0. */
    private static double average(double average, double sample) {
        return average == 0 ? sample : (1 - SMOOTHING) * average + SMOOTHING * sample;
    }

    /** The expected time from a check to the result, at most half the budget, in ms. */
    synchronized long expectedServiceMillis() {
        return Math.round(Math.min(serviceMillis, maxAgeMillis / 2.0));
    }
}
