package io.spikestream.ingest.publish;

import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.deadletter.InvalidRecordException;
import io.spikestream.schemas.deadletter.RecordDecoder;
import java.util.Arrays;
import java.util.OptionalLong;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads offset ranges of one partition with an assigned consumer and finds a camera's highest sequence among
 * them. A record counts when its key is the camera id and its value decodes to a frame of that camera; other
 * cameras' records and values that do not decode are skipped. All calls share one {@link Deadline}.
 */
final class PartitionChunkReader implements TailSearch.ChunkReader {

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final String cameraId;
    private final byte[] key;
    private final RecordDecoder<Frame> decoder;
    private final Deadline deadline;

    PartitionChunkReader(Consumer<byte[], byte[]> consumer, TopicPartition partition, String cameraId, byte[] key,
            RecordDecoder<Frame> decoder, Deadline deadline) {
        this.consumer = consumer;
        this.partition = partition;
        this.cameraId = cameraId;
        this.key = key;
        this.decoder = decoder;
        this.deadline = deadline;
    }

    @Override
    public OptionalLong highestSequence(long from, long to) {
        consumer.seek(partition, from);
        long highest = -1;
        while (consumer.position(partition, deadline.remaining()) < to) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(deadline.remaining()).records(partition)) {
                if (r.offset() < to) {
                    highest = Math.max(highest, sequenceOf(r));
                }
            }
        }
        return highest < 0 ? OptionalLong.empty() : OptionalLong.of(highest);
    }

    private long sequenceOf(ConsumerRecord<byte[], byte[]> r) {
        if (!Arrays.equals(key, r.key())) {
            return -1;
        }
        try {
            Frame frame = decoder.decode(r.topic(), r.value());
            return cameraId.equals(frame.getCameraId()) ? frame.getSequence() : -1;
        } catch (InvalidRecordException e) {
            return -1;
        }
    }
}
