package io.spikestream.schemas.deadletter;

import io.spikestream.schemas.avro.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/**
 * What the exception handlers need to write dead letters: the topic, what its records are, the value
 * serializer and the counters. Kafka instantiates handlers by class name, so the sink travels to them as an
 * object in the streams configuration under {@link #CONFIG}.
 */
public final class DeadLetterSink {

    /** Streams configuration key under which the handlers find this object. */
    public static final String CONFIG = "spikestream.dead.letter.sink";

    private final String topic;
    private final String subject;
    private final Serializer<DeadLetter> serializer;
    private final DeadLetterCounts counts;

    /**
     * Creates the sink.
     *
     * @param topic the dead-letter topic
     * @param subject what the failing records are, first word of the reasons ({@code Frame}, {@code Record})
     * @param serializer the {@code SerdeFactory} serializer of its values
     * @param counts counters to update
     */
    public DeadLetterSink(String topic, String subject, Serializer<DeadLetter> serializer, DeadLetterCounts counts) {
        this.topic = topic;
        this.subject = subject;
        this.serializer = serializer;
        this.counts = counts;
    }

    /** The dead-letter topic. */
    public String topic() {
        return topic;
    }

    /**
     * Finds the sink in a handler's configuration.
     *
     * @param configs the streams configuration
     * @return the sink
     */
    static DeadLetterSink from(Map<String, ?> configs) {
        Object sink = configs.get(CONFIG);
        if (!(sink instanceof DeadLetterSink s)) {
            throw new ConfigException(CONFIG, sink, "the dead-letter exception handlers need a DeadLetterSink object"
                    + " here; build the streams properties with InferenceConfig.streamsProperties(...) or"
                    + " SinkConfig.streamsProperties(...)");
        }
        return s;
    }

    /**
     * Builds the dead-letter record for a failure at a source position, and counts it.
     *
     * @param context where the failing record came from
     * @param rejection the kind, for metrics
     * @param problem what was wrong
     * @param error the exception
     * @return the serialized record for the handler's response
     */
    ProducerRecord<byte[], byte[]> record(ErrorHandlerContext context, Rejection rejection, String problem,
            Exception error) {
        counts.add(rejection);
        byte[] key = context.sourceRawKey();
        String cameraId = key == null ? null : new String(key, StandardCharsets.UTF_8);
        Origin origin = new Origin(context.topic(), context.partition(), context.offset());
        DeadLetter letter = DeadLetters.of(subject, origin, cameraId, problem, error.getClass().getName(),
                context.sourceRawValue());
        return new ProducerRecord<>(topic, null, context.timestamp(), key, serializer.serialize(topic, letter));
    }
}
