package io.spikestream.sink;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.vision.TrainIdMask;

/**
 * A result that passed {@link ResultDecoder}, with its mask already decoded.
 *
 * @param result the record
 * @param mask its mask, of the record's width and height; null for a skipped frame's result
 */
record DecodedResult(SegmentationResult result, TrainIdMask mask) {
}
