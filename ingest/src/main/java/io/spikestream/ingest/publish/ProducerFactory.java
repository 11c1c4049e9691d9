package io.spikestream.ingest.publish;

import io.spikestream.schemas.avro.Frame;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.Serializer;

/** Creates the producer of a {@link FramePublisher}; tests pass one returning Kafka's {@code MockProducer}. */
@FunctionalInterface
public interface ProducerFactory {

    /** A real {@link KafkaProducer}. */
    ProducerFactory KAFKA = KafkaProducer::new;

    /**
     * @param configs producer settings (bootstrap servers, acks, idempotence, compression, limits)
     * @param keySerializer the camera id serializer
     * @param valueSerializer the {@link Frame} serializer from {@code SerdeFactory}
     */
    Producer<String, Frame> create(Map<String, Object> configs, Serializer<String> keySerializer,
            Serializer<Frame> valueSerializer);
}
