package io.spikestream.inference.stream;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records Kafka cannot deserialize to the dead-letter topic and goes on. The topology reads frame
 * values as raw bytes and decodes them itself, so this catches what is left (e.g. a key the key serde
 * rejects).
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
