package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.RecordChecks;
import io.spikestream.schemas.deadletter.RecordDecoder;
import io.spikestream.vision.RgbImage;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a frame record's raw value into validated pixels: Avro through the {@code SerdeFactory}
 * deserializer (never the generated stream decoder, see {@link RecordDecoder}) and field checks
 * ({@link #read}), then the image and the optional ground truth ({@link #pixels}). Every problem becomes an
 * {@link InvalidRecordException} saying what is wrong.
 */
final class FrameDecoder {

    /** Largest frame accepted: 8192 x 8192 pixels. */
    static final long MAX_PIXELS = 8192L * 8192L;

    private final RecordDecoder<Frame> records;

    FrameDecoder(Deserializer<Frame> deserializer) {
        this.records = new RecordDecoder<>(deserializer, Frame.class);
    }

    /**
     * Decodes and checks the record's fields, not its image (cheap: enough to decide on skipping it).
     *
     * @param topic the topic the value came from
     * @param key the record key
     * @param value the raw value
     * @return the frame
     * @throws InvalidRecordException when the value is not a valid frame record
     */
    Frame read(String topic, String key, byte[] value) throws InvalidRecordException {
        Frame frame = records.decode(topic, value);
        checkFields(key, frame);
        return frame;
    }

    /**
     * Decodes a frame's image and its optional ground truth.
     *
     * @param frame a frame from {@link #read}
     * @return the frame with its pixels
     * @throws InvalidRecordException when an image cannot be decoded or has another size than the frame says
     */
    DecodedFrame pixels(Frame frame) throws InvalidRecordException {
        RgbImage image = ImageCodec.readRgb(RecordChecks.bytes(frame.getImage()), frame.getEncoding(),
                frame.getWidth(), frame.getHeight());
        byte[] truth = frame.getGroundTruthMask() == null ? null
                : ImageCodec.readLabels(RecordChecks.bytes(frame.getGroundTruthMask()), frame.getWidth(),
                        frame.getHeight());
        return new DecodedFrame(frame, image, truth);
    }

    private static void checkFields(String key, Frame f) throws InvalidRecordException {
        RecordChecks.cameraKey(key, f.getCameraId(), "frame",
                "producers must key frames by camera id to keep them in order");
        if (f.getWidth() <= 0 || f.getHeight() <= 0 || (long) f.getWidth() * f.getHeight() > MAX_PIXELS) {
            throw RecordChecks.invalid("size " + f.getWidth() + "x" + f.getHeight()
                    + " is not between 1x1 and 8192x8192");
        }
        RecordChecks.sequence(f.getSequence());
    }
}
