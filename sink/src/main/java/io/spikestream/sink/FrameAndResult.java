package io.spikestream.sink;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;

/**
 * A frame and its result from the overlay join (in memory only, never serialised).
 *
 * @param frame the frame
 * @param result its result, or null when the join window closed without one
 */
public record FrameAndResult(Frame frame, SegmentationResult result) {
}
