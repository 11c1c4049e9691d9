package io.spikestream.ingest.publish;

import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Builds a {@link FramePublisher} and its producer. {@code setBootstrapServers} is required; the producer is
 * idempotent with {@code acks=all} (no duplicates or reordering on retries, no loss while one in-sync replica
 * lives), compresses with {@code lz4} unless told otherwise, and sets {@code max.request.size} to the topic's
 * {@code max.message.bytes}. Extra producer settings override these, except the ones that would weaken
 * delivery or replace the serdes ({@link #checkOverrides}).
 */
public final class FramePublisherBuilder {

    public static final String DEFAULT_COMPRESSION = "lz4";
    public static final List<String> COMPRESSION_TYPES = List.of("none", "gzip", "snappy", "lz4", "zstd");
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private String bootstrapServers;
    private TopicSpec<Frame> topic = Topics.FRAMES;
    private String compression = DEFAULT_COMPRESSION;
    private String clientId;
    private Map<String, Object> overrides = Map.of();
    private SerdeFactory serdes = SerdeFactory.singleObject();
    private ProducerFactory producerFactory = ProducerFactory.KAFKA;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;
    private SequenceOrigin sequenceOrigin;
    private FrameDelivery delivery = FrameDelivery.REPLAY;

    FramePublisherBuilder() {}

    public FramePublisherBuilder setBootstrapServers(String servers) {
        this.bootstrapServers = servers;
        return this;
    }

    /**
     * Where each camera's numbering starts: {@link TopicSequenceOrigin} to continue after the frames the topic
     * already holds, {@link SequenceOrigin#fixed} for a given start.
     */
    public FramePublisherBuilder setSequenceOrigin(SequenceOrigin origin) {
        this.sequenceOrigin = origin;
        return this;
    }

    /** The frames topic (default {@link Topics#FRAMES}). */
    public FramePublisherBuilder optTopic(TopicSpec<Frame> frames) {
        this.topic = frames;
        return this;
    }

    /** {@code compression.type}: none, gzip, snappy, lz4 (default) or zstd. */
    public FramePublisherBuilder optCompression(String type) {
        this.compression = type;
        return this;
    }

    public FramePublisherBuilder optClientId(String id) {
        this.clientId = id;
        return this;
    }

    /** Further producer settings, applied last (see {@link #checkOverrides}). */
    public FramePublisherBuilder optProducerConfigs(Map<String, ?> configs) {
        this.overrides = Map.copyOf(configs);
        return this;
    }

    /** Serdes for key and value (default registry-less single-object encoding). */
    public FramePublisherBuilder optSerdes(SerdeFactory factory) {
        this.serdes = factory;
        return this;
    }

    public FramePublisherBuilder optProducerFactory(ProducerFactory factory) {
        this.producerFactory = factory;
        return this;
    }

    /** How long {@link FramePublisher#close()} waits for the producer to close after flushing (default 30 s). */
    /** How consumers treat the frames when they fall behind (default {@link FrameDelivery#REPLAY}). */
    public FramePublisherBuilder optDelivery(FrameDelivery frameDelivery) {
        this.delivery = Objects.requireNonNull(frameDelivery, "delivery");
        return this;
    }

    public FramePublisherBuilder optCloseTimeout(Duration timeout) {
        this.closeTimeout = timeout;
        return this;
    }

    /**
     * Rejects producer settings the publisher cannot honour, saying what to do instead.
     *
     * @throws IllegalArgumentException for serializers, {@code acks} other than {@code all}/{@code -1},
     *     {@code enable.idempotence=false}, transactions, or a partitioning other than by camera id
     */
    public static void checkOverrides(Map<String, ?> configs) {
        for (String key : List.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ProducerConfig.TRANSACTIONAL_ID_CONFIG)) {
            if (configs.containsKey(key)) {
                throw new IllegalArgumentException(key + " cannot be set for the frame producer: keys are camera "
                        + "ids and values Avro frames from the schemas module, without transactions; remove it");
            }
        }
        Object acks = configs.get(ProducerConfig.ACKS_CONFIG);
        if (acks != null && !List.of("all", "-1").contains(String.valueOf(acks).trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("acks=" + acks + " would let frames be lost when a broker fails; "
                    + "the frame producer always uses acks=all: remove acks");
        }
        checkPartitioning(configs);
        Object idempotence = configs.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && !Boolean.parseBoolean(String.valueOf(idempotence).trim())) {
            throw new IllegalArgumentException("enable.idempotence=false could duplicate or reorder frames on "
                    + "retries; the frame producer is always idempotent: remove enable.idempotence");
        }
    }

    private static void checkPartitioning(Map<String, ?> configs) {
        Object ignoreKeys = configs.get(ProducerConfig.PARTITIONER_IGNORE_KEYS_CONFIG);
        if (configs.containsKey(ProducerConfig.PARTITIONER_CLASS_CONFIG)
                || ignoreKeys != null && Boolean.parseBoolean(String.valueOf(ignoreKeys).trim())) {
            throw new IllegalArgumentException("partitioner.class and partitioner.ignore.keys cannot be set for the "
                    + "frame producer: each camera's frames must stay in the partition its id hashes to (inference "
                    + "keeps their order, and a restarted ingest finds where the camera's numbering left off "
                    + "there); remove them");
        }
    }

    /** The producer settings: defaults, then the overrides. */
    Map<String, Object> producerConfigs() {
        Map<String, Object> c = new HashMap<>();
        c.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        c.put(ProducerConfig.ACKS_CONFIG, "all");
        c.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        c.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        c.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, topic.maxMessageBytes());
        if (clientId != null) {
            c.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        }
        c.putAll(overrides);
        return c;
    }

    public FramePublisher build() {
        if (bootstrapServers == null || bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("FramePublisher needs bootstrap servers, e.g. localhost:9092");
        }
        if (sequenceOrigin == null) {
            throw new IllegalArgumentException("FramePublisher needs a SequenceOrigin, e.g. a TopicSequenceOrigin "
                    + "to continue each camera's numbering from the frames topic");
        }
        if (!COMPRESSION_TYPES.contains(compression)) {
            throw new IllegalArgumentException("Unknown compression '" + compression + "'; expected one of "
                    + COMPRESSION_TYPES);
        }
        checkOverrides(overrides);
        Map<String, Object> configs = producerConfigs();
        int maxRequestSize = Integer.parseInt(String.valueOf(configs.get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG)).trim());
        return new FramePublisher(producerFactory.create(configs, serdes.keySerde().serializer(),
                serdes.valueSerde(topic).serializer()), topic, maxRequestSize, closeTimeout,
                sequenceOrigin, delivery);
    }
}
