package io.spikestream.inference.stream;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import java.util.Objects;

/**
 * What the {@link SegmentationTopology} needs of the stage's settings.
 *
 * @param topics the frames, results and dead-letter topics
 * @param serdes the value serdes of those topics
 * @param liveMaxAgeMillis age beyond which live frames are skipped instead of segmented; 0 = never
 */
public record TopologySettings(Topics topics, SerdeFactory serdes, long liveMaxAgeMillis) {

    /** Requires topics and serdes and a non-negative age. */
    public TopologySettings {
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(serdes, "serdes");
        if (liveMaxAgeMillis < 0) {
            throw new IllegalArgumentException("liveMaxAgeMillis must be 0 (never skip) or positive, got "
                    + liveMaxAgeMillis);
        }
    }
}
