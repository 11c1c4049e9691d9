package io.spikestream.ingest.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.encode.FrameEncoder;
import io.spikestream.ingest.encode.ImageFormat;
import io.spikestream.ingest.source.CapturedFrame;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class TopicSequenceOriginTest {

    private static final String TOPIC = Topics.FRAMES.name();
    private static final int PARTITIONS = 4;
    private static final FrameEncoder JPEG = FrameEncoder.builder().setFormat(ImageFormat.JPEG).build();
    private static final Serializer<Frame> FRAMES = SerdeFactory.singleObject().valueSerde(Topics.FRAMES).serializer();

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("none");
    private final Map<String, Object> configs = new HashMap<>();
    private final List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();

    private TopicSequenceOrigin origin() {
        return new TopicSequenceOrigin(Map.of("bootstrap.servers", "x:1", "group.id", "g"), Topics.FRAMES,
                SerdeFactory.singleObject(), Duration.ofSeconds(5), c -> {
                    configs.putAll(c);
                    return consumer;
                });
    }

    private TopicPartition partitionOf(String camera) {
        byte[] key = camera.getBytes(StandardCharsets.UTF_8);
        return new TopicPartition(TOPIC, BuiltInPartitioner.partitionForKey(key, PARTITIONS));
    }

    private void add(TopicPartition tp, String key, byte[] value) {
        records.add(new ConsumerRecord<>(TOPIC, tp.partition(), records.size(), key.getBytes(StandardCharsets.UTF_8),
                value));
    }

    private static byte[] frame(String camera, long sequence) {
        CapturedFrame captured = FramePublisherTest.frame(sequence, 1_700_000_000_000L);
        return FRAMES.serialize(TOPIC, FramePublisher.toRecord(camera, sequence, captured, JPEG.encode(captured),
                null, FrameDelivery.REPLAY));
    }

    private void publishTopic(TopicPartition tp) {
        List<PartitionInfo> infos = new ArrayList<>();
        for (int p = 0; p < PARTITIONS; p++) {
            infos.add(new PartitionInfo(TOPIC, p, Node.noNode(), new Node[0], new Node[0]));
        }
        consumer.updatePartitions(TOPIC, infos);
        consumer.updateBeginningOffsets(Map.of(tp, 0L));
        consumer.updateEndOffsets(Map.of(tp, (long) records.size()));
        consumer.schedulePollTask(() -> records.forEach(consumer::addRecord));
    }

    @Test
    void shouldContinueAfterTheCamerasHighestSequenceSkippingOtherCamerasAndBadValues() {
        TopicPartition tp = partitionOf("cam-1");
        add(tp, "cam-1", frame("cam-1", 7));
        add(tp, "cam-1", frame("cam-1", 8));
        add(tp, "cam-1", new byte[] {1, 2, 3});
        add(tp, "cam-1", frame("forged", 99));
        add(tp, "other", frame("other", 50));
        publishTopic(tp);
        assertEquals(9L, origin().firstSequence("cam-1"));
        assertEquals(List.of(tp), List.copyOf(consumer.assignment()));
        assertEquals("read_committed", configs.get("isolation.level"));
        assertFalse(configs.containsKey("group.id"));
        assertTrue(consumer.closed());
    }

    @Test
    void shouldStartAtZeroWhenThePartitionHoldsOnlyOtherCameras() {
        TopicPartition tp = partitionOf("cam-1");
        add(tp, "other", frame("other", 50));
        publishTopic(tp);
        assertEquals(0L, origin().firstSequence("cam-1"));
    }

    @Test
    void shouldStartAtZeroWhenTheTopicDoesNotExist() {
        assertEquals(0L, origin().firstSequence("cam-1"));
    }

    @Test
    void shouldSayWhatToDoWhenTheBrokersCannotAnswer() {
        TopicPartition tp = partitionOf("cam-1");
        publishTopic(tp);
        consumer.setOffsetsException(new TimeoutException("Timeout of 5000ms expired before offsets were fetched"));
        SequenceLookupException e = assertThrows(SequenceLookupException.class, () -> origin().firstSequence("cam-1"));
        assertInstanceOf(TimeoutException.class, e.getCause());
        assertTrue(e.getMessage().contains("camera 'cam-1'") && e.getMessage().contains("sequence.start")
                && e.getMessage().contains("sequence.lookup.timeout.ms"), e.getMessage());
    }
}
