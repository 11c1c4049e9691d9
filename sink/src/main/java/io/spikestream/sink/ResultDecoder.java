package io.spikestream.sink;

import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.RecordChecks;
import io.spikestream.schemas.deadletter.RecordDecoder;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.vision.InvalidImageException;
import io.spikestream.vision.TrainIdMask;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a result record's raw value into a result the sink can write: Avro through the {@code SerdeFactory}
 * deserializer, then field checks (camera id, key, sequence, size), then the mask PNG and its size. Every
 * problem becomes an {@link InvalidRecordException} saying what is wrong, with the same kinds as frames.
 *
 * <p>A skipped frame's result ({@code skipped} not null) is valid without a mask: its size and mask are not
 * checked, and a mask or class counts it carries anyway are ignored (the skip says the frame was not
 * segmented), so that every frame inference reports stays counted.
 */
final class ResultDecoder {

    private final RecordDecoder<SegmentationResult> records;

    ResultDecoder(Deserializer<SegmentationResult> deserializer) {
        this.records = new RecordDecoder<>(deserializer, SegmentationResult.class);
    }

    DecodedResult decode(String topic, String key, byte[] value) throws InvalidRecordException {
        SegmentationResult result = records.decode(topic, value);
        RecordChecks.cameraKey(key, result.getCameraId(), "result", "results must be keyed by camera id");
        RecordChecks.sequence(result.getSequence());
        if (result.getSkipped() != null) {
            return new DecodedResult(result, null);
        }
        checkSize(result);
        return new DecodedResult(result, mask(result));
    }

    private static void checkSize(SegmentationResult r) throws InvalidRecordException {
        if (r.getWidth() <= 0 || r.getHeight() <= 0) {
            throw RecordChecks.invalid("size " + r.getWidth() + "x" + r.getHeight() + " is not positive");
        }
    }

    private static TrainIdMask mask(SegmentationResult r) throws InvalidRecordException {
        TrainIdMask mask;
        try {
            mask = TrainIdMask.decodePng(RecordChecks.bytes(r.getMask()));
        } catch (InvalidImageException e) {
            throw new InvalidRecordException(Rejection.UNDECODABLE_IMAGE, e.getMessage(), e);
        }
        if (mask.width() != r.getWidth() || mask.height() != r.getHeight()) {
            throw new InvalidRecordException(Rejection.SIZE_MISMATCH, "mask is " + mask.width() + "x"
                    + mask.height() + " but the result says " + r.getWidth() + "x" + r.getHeight());
        }
        return mask;
    }
}
