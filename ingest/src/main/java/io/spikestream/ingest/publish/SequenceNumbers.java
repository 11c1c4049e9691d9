package io.spikestream.ingest.publish;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-camera frame sequence numbers: the first frame of a camera is 0, later frames add their distance in
 * source frame indices, so frames dropped before publishing (live delivery) leave a gap. When a source
 * restarts (a looped file, a reopened source) its indices start again; the sequence then continues at the
 * next number instead. Not thread-safe.
 */
final class SequenceNumbers {

    private final Map<String, Camera> cameras = new HashMap<>();

    /** The sequence number of the frame with source index {@code index} of {@code cameraId}. */
    long next(String cameraId, long index) {
        Camera c = cameras.get(cameraId);
        if (c == null) {
            cameras.put(cameraId, new Camera(-index, 0));
            return 0;
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
