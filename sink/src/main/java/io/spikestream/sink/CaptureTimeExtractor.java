package io.spikestream.sink;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Event time = the capture time carried in {@link Frame} and {@link SegmentationResult}, so a frame and its
 * result get the same timestamp whatever the producers set, and statistics windows follow capture time. Other
 * values, tombstones and negative capture times fall back to the record timestamp.
 */
public final class CaptureTimeExtractor implements TimestampExtractor {

    @Override
    public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
        return eventTime(record.value(), record.timestamp());
    }

    /** The capture time of a frame or result; {@code fallback} for other values or negative capture times. */
    static long eventTime(Object value, long fallback) {
        long capture = -1;
        if (value instanceof Frame frame) {
            capture = frame.getCaptureTime().toEpochMilli();
        } else if (value instanceof SegmentationResult result) {
            capture = result.getCaptureTime().toEpochMilli();
        }
        return capture >= 0 ? capture : fallback;
    }
}
