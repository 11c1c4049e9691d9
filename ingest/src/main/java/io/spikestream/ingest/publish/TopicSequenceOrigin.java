package io.spikestream.ingest.publish;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.deadletter.RecordDecoder;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Continues each camera's numbering after the highest sequence the frames topic already holds for it.
 *
 * <p>A camera's frames are in the partition its key hashes to, as the producer's default partitioning puts
 * them ({@code murmur2} of the UTF-8 camera id; {@link FramePublisherBuilder#checkOverrides} refuses settings
 * that would change that). That partition is read backwards from its last committed offset with a group-less,
 * {@code read_committed} consumer, {@value #CHUNK} offsets at a time, until a chunk holds a frame of the camera
 * or the beginning is reached; values that do not decode and other cameras' frames are skipped. Each lookup
 * has a time limit; past it, or when the brokers cannot answer, it fails with a
 * {@link SequenceLookupException} saying what to do.
 */
public final class TopicSequenceOrigin implements SequenceOrigin {

    static final int CHUNK = 100;

    private static final Logger LOG = LoggerFactory.getLogger(TopicSequenceOrigin.class);

    private final Map<String, Object> consumerConfigs;
    private final TopicSpec<Frame> topic;
    private final RecordDecoder<Frame> decoder;
    private final Serializer<String> keys;
    private final Duration timeout;
    private final Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers;

    /**
     * Creates the origin.
     *
     * @param consumerConfigs bootstrap servers and client settings (security, ...) for the consumer
     * @param topic the frames topic
     * @param serdes the serdes frames were written with
     * @param timeout how long one camera's lookup may take
     */
    public TopicSequenceOrigin(Map<String, Object> consumerConfigs, TopicSpec<Frame> topic, SerdeFactory serdes,
            Duration timeout) {
        this(consumerConfigs, topic, serdes, timeout,
                c -> new KafkaConsumer<>(c, new ByteArrayDeserializer(), new ByteArrayDeserializer()));
    }

    TopicSequenceOrigin(Map<String, Object> consumerConfigs, TopicSpec<Frame> topic, SerdeFactory serdes,
            Duration timeout, Function<Map<String, Object>, Consumer<byte[], byte[]>> consumers) {
        this.consumerConfigs = lookupConfigs(consumerConfigs);
        this.topic = topic;
        this.decoder = new RecordDecoder<>(serdes.valueSerde(topic).deserializer(), Frame.class);
        this.keys = serdes.keySerde().serializer();
        this.timeout = timeout;
        this.consumers = consumers;
    }

    private static Map<String, Object> lookupConfigs(Map<String, Object> configs) {
        Map<String, Object> c = new HashMap<>(configs);
        c.remove(ConsumerConfig.GROUP_ID_CONFIG);
        c.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        c.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        c.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, CHUNK);
        return c;
    }

    @Override
    public long firstSequence(String cameraId) {
        Deadline deadline = Deadline.after(timeout);
        try (Consumer<byte[], byte[]> consumer = consumers.apply(consumerConfigs)) {
            return report(cameraId, lookUp(consumer, cameraId, deadline));
        } catch (InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            throw new SequenceLookupException(String.format(Locale.ROOT, "Cannot find where camera '%s' left off "
                    + "in topic %s within %d ms (%s). Check that the brokers are reachable and that ingest may "
                    + "read the topic; raise sequence.lookup.timeout.ms if the topic is large, or set "
                    + "sequence.start to number the camera's frames from a sequence of your choice", cameraId,
                    topic.name(), timeout.toMillis(), e.getMessage()), e);
        }
    }

    private Found lookUp(Consumer<byte[], byte[]> consumer, String cameraId, Deadline deadline) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic.name(), deadline.remaining());
        if (partitions == null || partitions.isEmpty()) {
            return new Found(topic.name(), OptionalLong.empty());
        }
        byte[] key = keys.serialize(topic.name(), cameraId);
        TopicPartition tp = new TopicPartition(topic.name(), BuiltInPartitioner.partitionForKey(key,
                partitions.size()));
        consumer.assign(List.of(tp));
        long beginning = consumer.beginningOffsets(List.of(tp), deadline.remaining()).get(tp);
        long end = consumer.endOffsets(List.of(tp), deadline.remaining()).get(tp);
        PartitionChunkReader reader = new PartitionChunkReader(consumer, tp, cameraId, key, decoder, deadline);
        return new Found(tp.toString(), new TailSearch(CHUNK).highestSequence(beginning, end, reader));
    }

    private record Found(String where, OptionalLong highest) {}

    private static long report(String cameraId, Found found) {
        if (found.highest().isEmpty()) {
            LOG.info("camera '{}' starts at sequence 0 ({} holds no frame of it)", cameraId, found.where());
            return 0;
        }
        long last = found.highest().getAsLong();
        LOG.info("camera '{}' continues at sequence {} (frames topic already holds it up to {}, in {})", cameraId,
                last + 1, last, found.where());
        return last + 1;
    }
}
