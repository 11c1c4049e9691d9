package io.spikestream.schemas.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records Kafka cannot deserialize to the dead-letter topic of the {@link DeadLetterSink} in the
 * configuration and goes on. The topologies read their main input's values as raw bytes and decode them
 * themselves ({@link RecordDecoder}), so this catches what is left (e.g. a key the key serde rejects, or a
 * frame the sink reads for overlays).
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        sink = DeadLetterSink.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        String problem = "Kafka could not deserialize it: " + exception.getMessage();
        LOG.warn("Record at {}-{}@{} {}", context.topic(), context.partition(), context.offset(), problem);
        return Response.resume(List.of(sink.record(context, Rejection.DESERIALIZATION, problem, exception)));
    }
}
