package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import java.time.Clock;
import java.util.Optional;

/**
 * Decides whether a live frame is too old to be worth segmenting: its age (the wall clock minus its capture
 * time) is above {@code live.max.age.ms}. Replay frames always pass. Cheap: it reads only the frame's fields,
 * so the processor asks it before decoding the image and again just before the frame joins a batch.
 */
final class LiveFrameGate {

    private final long maxAgeMillis;
    private final Clock clock;

    /**
     * @param maxAgeMillis largest age of a live frame that is segmented; 0 = every frame is segmented
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
        return age > maxAgeMillis ? Optional.of(new Skip(SkipReason.TOO_OLD, age)) : Optional.empty();
    }
}
