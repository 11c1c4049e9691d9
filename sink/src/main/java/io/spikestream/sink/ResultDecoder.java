package io.spikestream.sink;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.RecordDecoder;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.sink.mask.InvalidImageException;
import io.spikestream.sink.mask.TrainIdMask;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a result record's raw value into a result the sink can write: Avro through the {@code SerdeFactory}
 * deserializer, then field checks (camera id, key, size, sequence), then the mask PNG and its size. Every
 * problem becomes an {@link InvalidRecordException} saying what is wrong, with the same kinds as frames.
 */
final class ResultDecoder {

    private final RecordDecoder<SegmentationResult> records;

    ResultDecoder(Deserializer<SegmentationResult> deserializer) {
        this.records = new RecordDecoder<>(deserializer, SegmentationResult.class);
    }

    DecodedResult decode(String topic, String key, byte[] value) throws InvalidRecordException {
        SegmentationResult result = records.decode(topic, value);
        checkFields(key, result);
        return new DecodedResult(result, mask(result));
    }

    private static void checkFields(String key, SegmentationResult r) throws InvalidRecordException {
        if (r.getCameraId().isBlank()) {
            throw invalid("cameraId is empty; every result needs the id of its camera");
        }
        if (!r.getCameraId().equals(key)) {
            throw invalid("record key " + (key == null ? "is null" : "'" + key + "'") + " differs from cameraId '"
                    + r.getCameraId() + "'; results must be keyed by camera id");
        }
        if (r.getWidth() <= 0 || r.getHeight() <= 0) {
            throw invalid("size " + r.getWidth() + "x" + r.getHeight() + " is not positive");
        }
        if (r.getSequence() < 0) {
            throw invalid("sequence " + r.getSequence() + " is negative");
        }
    }

    private static TrainIdMask mask(SegmentationResult r) throws InvalidRecordException {
        TrainIdMask mask;
        try {
            mask = TrainIdMask.decodePng(bytes(r.getMask()));
        } catch (InvalidImageException e) {
            throw new InvalidRecordException(Rejection.UNDECODABLE_IMAGE, e.getMessage(), e);
        }
        if (mask.width() != r.getWidth() || mask.height() != r.getHeight()) {
            throw new InvalidRecordException(Rejection.SIZE_MISMATCH, "mask is " + mask.width() + "x"
                    + mask.height() + " but the result says " + r.getWidth() + "x" + r.getHeight());
        }
        return mask;
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
