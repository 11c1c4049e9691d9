package io.spikestream.ingest.publish;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a camera's numbering starts in this process: asked once per camera, before its first frame is
 * published. {@link TopicSequenceOrigin} continues after the highest sequence the frames topic already holds for
 * the camera, so a restarted ingest does not reuse sequence numbers.
 */
@FunctionalInterface
public interface SequenceOrigin {

    /**
     * The sequence of the first frame {@code cameraId} publishes in this process.
     *
     * @throws SequenceLookupException when it cannot be determined
     */
    long firstSequence(String cameraId);

    /** Every camera starts at {@code start}, whatever the topic holds (the {@code sequence.start} setting). */
    static SequenceOrigin fixed(long start) {
        if (start < 0) {
            throw new IllegalArgumentException("A start sequence must be 0 or more, not " + start);
        }
        Logger log = LoggerFactory.getLogger(SequenceOrigin.class);
        return cameraId -> {
            log.info("camera '{}' starts at sequence {} as configured, without looking at the frames topic",
                    cameraId, start);
            return start;
        };
    }
}
