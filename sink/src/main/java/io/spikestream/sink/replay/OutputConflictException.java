package io.spikestream.sink.replay;

import java.io.IOException;
import java.time.Instant;

/**
 * A result whose (camera, sequence) the output already holds from a different frame: writing it would replace
 * what an earlier stream left there. Fails the sink, with a message that says how to go on.
 */
public final class OutputConflictException extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * @param what what holds the sequence (a file)
     * @param cameraId the camera
     * @param sequence the sequence
     * @param heldTimes capture times the output holds around that sequence
     * @param captureMillis capture time of the refused frame
     */
    public OutputConflictException(String what, String cameraId, long sequence, String heldTimes,
            long captureMillis) {
        super(what + " already holds camera '" + cameraId + "' sequence " + sequence + " from frames captured "
                + heldTimes + ", but this result's frame was captured at "
                + Instant.ofEpochMilli(captureMillis) + ": another stream numbered its frames the same"
                + " (a new broker, or the camera's earlier frames were deleted from the frames topic). Nothing was"
                + " overwritten. Give the sink a new output folder (--output-dir), or move the old one away.");
    }
}
