package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.spikestream.schemas.deadletter.DeadLetterProductionHandler;
import io.spikestream.schemas.deadletter.DeadLetterSink;
import io.spikestream.schemas.deadletter.Rejection;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterHandlersTest {

    private final InferenceMetrics metrics = new InferenceMetrics();
    private final Map<String, Object> configs = Map.of(DeadLetterSink.CONFIG, new DeadLetterSink(
            Topics.DEAD_LETTERS.name(), "Frame",
            SerdeFactory.singleObject().valueSerde(Topics.DEAD_LETTERS).serializer(), metrics.deadLetterCounts()));

    private static final byte[] KEY = "cam-9".getBytes(StandardCharsets.UTF_8);
    private static final byte[] VALUE = {1, 2, 3};

    private static final ErrorHandlerContext CONTEXT = new ErrorHandlerContext() {
        public String topic() {
            return "spikestream.frames";
        }

        public int partition() {
            return 2;
        }

        public long offset() {
            return 77;
        }

        public Headers headers() {
            return new RecordHeaders();
        }

        public String processorNodeId() {
            return SegmentationTopology.SOURCE;
        }

        public TaskId taskId() {
            return new TaskId(0, 2);
        }

        public long timestamp() {
            return 5L;
        }

        public byte[] sourceRawKey() {
            return KEY;
        }

        public byte[] sourceRawValue() {
            return VALUE;
        }
    };

    private static DeadLetter decode(ProducerRecord<byte[], byte[]> record) {
        assertEquals(Topics.DEAD_LETTERS.name(), record.topic());
        return SerdeFactory.singleObject().valueSerde(Topics.DEAD_LETTERS).deserializer()
                .deserialize(record.topic(), record.value());
    }

    @Test
    void shouldWriteDeadLetterAndResumeWhenDeserializationFails() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(configs);
        DeserializationExceptionHandler.Response response = handler.handleError(CONTEXT,
                new ConsumerRecord<>("spikestream.frames", 2, 77, KEY, VALUE), new SerializationException("bad key"));
        assertEquals(DeserializationExceptionHandler.Result.RESUME, response.result());
        DeadLetter letter = decode(response.deadLetterQueueRecords().get(0));
        assertTrue(letter.getReason().startsWith("Frame at spikestream.frames-2@77 (camera 'cam-9') rejected: "),
                letter.getReason());
        assertTrue(letter.getReason().contains("bad key"), letter.getReason());
        assertEquals("cam-9", letter.getCameraId());
        assertEquals(77, letter.getOffset());
        assertEquals(1, metrics.deadLetters(Rejection.DESERIALIZATION));
    }

    @Test
    void shouldDeadLetterTheSourceFrameWhenResultIsTooLarge() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        ProductionExceptionHandler.Response response = handler.handleError(CONTEXT,
                new ProducerRecord<>(Topics.RESULTS.name(), KEY, VALUE), new RecordTooLargeException("too big"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, response.result());
        DeadLetter letter = decode(response.deadLetterQueueRecords().get(0));
        assertTrue(letter.getReason().contains("could not be written to spikestream.results: too big"),
                letter.getReason());
        assertEquals(RecordTooLargeException.class.getName(), letter.getErrorClass());
    }

    @Test
    void shouldRetryRetriableAndDropFailingDeadLetters() {
        DeadLetterProductionHandler handler = new DeadLetterProductionHandler();
        handler.configure(configs);
        assertEquals(ProductionExceptionHandler.Result.RETRY, handler.handleError(CONTEXT,
                new ProducerRecord<>(Topics.RESULTS.name(), KEY, VALUE), new TimeoutException("slow")).result());
        ProductionExceptionHandler.Response dropped = handler.handleError(CONTEXT,
                new ProducerRecord<>(Topics.DEAD_LETTERS.name(), KEY, VALUE), new RecordTooLargeException("big"));
        assertEquals(ProductionExceptionHandler.Result.RESUME, dropped.result());
        assertTrue(dropped.deadLetterQueueRecords().isEmpty());
    }

    @Test
    void shouldExplainMissingSinkWhenConfigured() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> new DeadLetterProductionHandler().configure(Map.of()));
        assertTrue(e.getMessage().contains("InferenceConfig.streamsProperties"), e.getMessage());
    }
}
