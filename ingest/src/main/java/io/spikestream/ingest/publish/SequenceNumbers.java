package io.spikestream.ingest.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-camera frame sequence numbers: the first frame of a camera gets the sequence its {@link SequenceOrigin}
 * gives, later frames add their distance in source frame indices, so frames dropped before publishing (live
 * delivery) leave a gap. When a source restarts (a looped file, a reopened source) its indices start again; the
 * sequence then continues at the next number instead. Not thread-safe.
 */
final class SequenceNumbers {

    private final SequenceOrigin origin;
    private final Map<String, Camera> cameras = new HashMap<>();

    SequenceNumbers(SequenceOrigin origin) {
        this.origin = origin;
    }

    /** The sequence number of the frame with source index {@code index} of {@code cameraId}. */
    long next(String cameraId, long index) {
        Camera c = cameras.get(cameraId);
        if (c == null) {
            long first = origin.firstSequence(cameraId);
            cameras.put(cameraId, new Camera(first - index, first));
            return first;
        }
        long sequence = c.base + index;
        if (sequence <= c.last) {
            c.base = c.last + 1 - index;
            sequence = c.last + 1;
        }
        c.last = sequence;
        return sequence;
    }

    private static final class Camera {
        long base;
        long last;

        Camera(long base, long last) {
            this.base = base;
            this.last = last;
        }
    }
}
