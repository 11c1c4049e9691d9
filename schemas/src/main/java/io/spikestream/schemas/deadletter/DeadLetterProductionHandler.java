package io.spikestream.schemas.deadletter;

import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the stream going when an output cannot be written: retriable errors are retried, anything else
 * (e.g. a result above the topic's {@code max.message.bytes}, a serialization failure) sends the source
 * record to the dead-letter topic of the {@link DeadLetterSink} in the configuration, with the reason. A failing dead letter itself is logged and dropped, so
 * there is no loop.
 */
public final class DeadLetterProductionHandler implements ProductionExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProductionHandler.class);

    private DeadLetterSink sink;

    @Override
    public void configure(Map<String, ?> configs) {
        sink = DeadLetterSink.from(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record,
            Exception exception) {
        if (exception instanceof RetriableException) {
            return Response.retry();
        }
        return deadLetter(context, record.topic(), "could not be written to " + record.topic(), exception);
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
            SerializationExceptionOrigin origin) {
        return deadLetter(context, record.topic(), "its result could not be serialized (" + origin + ")", exception);
    }

    private Response deadLetter(ErrorHandlerContext context, String target, String what, Exception exception) {
        String problem = what + ": " + exception.getMessage();
        if (target.equals(sink.topic())) {
            LOG.error("Dead letter for {}-{}@{} dropped: {}", context.topic(), context.partition(), context.offset(),
                    problem);
            return Response.resume();
        }
        LOG.warn("Result of {}-{}@{} {}", context.topic(), context.partition(), context.offset(), problem);
        return Response.resume(List.of(sink.record(context, Rejection.PRODUCTION, problem, exception)));
    }
}
