package io.spikestream.inference.stream;

import io.spikestream.inference.runtime.RgbImage;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.RecordDecoder;
import io.spikestream.schemas.deadletter.Rejection;
import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a frame record's raw value into validated pixels: Avro through the {@code SerdeFactory}
 * deserializer (never the generated stream decoder, see {@link RecordDecoder}), then field checks, then the
 * image and the optional ground truth. Every problem becomes an {@link InvalidRecordException} saying what is
 * wrong.
 */
final class FrameDecoder {

    /** Largest frame accepted: 8192 x 8192 pixels. */
    static final long MAX_PIXELS = 8192L * 8192L;

    private final RecordDecoder<Frame> records;

    FrameDecoder(Deserializer<Frame> deserializer) {
        this.records = new RecordDecoder<>(deserializer, Frame.class);
    }

    DecodedFrame decode(String topic, String key, byte[] value) throws InvalidRecordException {
        Frame frame = records.decode(topic, value);
        checkFields(key, frame);
        RgbImage image = ImageCodec.readRgb(bytes(frame.getImage()), frame.getEncoding(), frame.getWidth(),
                frame.getHeight());
        byte[] truth = frame.getGroundTruthMask() == null ? null
                : ImageCodec.readLabels(bytes(frame.getGroundTruthMask()), frame.getWidth(), frame.getHeight());
        return new DecodedFrame(frame, image, truth);
    }

    private static void checkFields(String key, Frame f) throws InvalidRecordException {
        if (f.getCameraId().isBlank()) {
            throw invalid("cameraId is empty; every frame needs the id of its camera");
        }
        if (!f.getCameraId().equals(key)) {
            throw invalid("record key " + (key == null ? "is null" : "'" + key + "'") + " differs from cameraId '"
                    + f.getCameraId() + "'; producers must key frames by camera id to keep them in order");
        }
        if (f.getWidth() <= 0 || f.getHeight() <= 0 || (long) f.getWidth() * f.getHeight() > MAX_PIXELS) {
            throw invalid("size " + f.getWidth() + "x" + f.getHeight() + " is not between 1x1 and 8192x8192");
        }
        if (f.getSequence() < 0) {
            throw invalid("sequence " + f.getSequence() + " is negative");
        }
    }

    private static InvalidRecordException invalid(String message) {
        return new InvalidRecordException(Rejection.INVALID_FIELD, message);
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
