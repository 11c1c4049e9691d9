package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.vision.RgbImage;

/**
 * A validated frame with its pixels.
 *
 * @param frame the record (its image bytes are not needed any more)
 * @param image the decoded pixels
 * @param groundTruth trainIds per pixel, or null when the frame has none
 */
record DecodedFrame(Frame frame, RgbImage image, byte[] groundTruth) {}
