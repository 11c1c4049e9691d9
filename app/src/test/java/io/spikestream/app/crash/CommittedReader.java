package io.spikestream.app.crash;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads the frames and results topics from the start to their last stable offset, {@code read_committed}. */
final class CommittedReader {

    private final String bootstrap;

    CommittedReader(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    SequenceTally frames() {
        return tally(Topics.FRAMES, (Frame f, SequenceTally t) -> t.add(f.getCameraId(), f.getSequence()));
    }

    /** The frames that carry a ground-truth mask. */
    SequenceTally framesWithGroundTruth() {
        return tally(Topics.FRAMES, (Frame f, SequenceTally t) -> {
            if (f.getGroundTruthMask() != null) {
                t.add(f.getCameraId(), f.getSequence());
            }
        });
    }

    SequenceTally results() {
        return tally(Topics.RESULTS, (SegmentationResult r, SequenceTally t) -> t.add(r.getCameraId(), r.getSequence()));
    }

    /**
     * Whether consumer group {@code group} has committed every record of {@code topic}: its committed offset
     * is at least the end's minus one, as a transaction's commit marker may end the partition, which a
     * consumer passes without committing; a partition without records counts as read.
     */
    boolean committedToEnd(String group, TopicSpec<?> topic) {
        Map<String, Object> props = new HashMap<>(props());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).collect(Collectors.toSet());
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(partitions, Duration.ofSeconds(10));
            return partitions.stream().allMatch(p -> end.get(p) == 0
                    || committed.get(p) != null && committed.get(p).offset() >= end.get(p) - 1);
        } catch (TimeoutException e) {
            return false;
        }
    }

    /** The records of a topic per (camera, sequence); empty while the broker cannot be read. */
    private <V extends SpecificRecord> SequenceTally tally(TopicSpec<V> topic, BiConsumer<V, SequenceTally> add) {
        SequenceTally tally = new SequenceTally();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(props(), new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(topic).deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("Reading " + topic.name() + " up to " + end + " took over 30 s");
                }
                for (ConsumerRecord<String, V> r : consumer.poll(Duration.ofMillis(200))) {
                    add.accept(r.value(), tally);
                }
            }
        } catch (TimeoutException e) {
            return new SequenceTally();
        }
        return tally;
    }

    private Map<String, Object> props() {
        return Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    }
}
