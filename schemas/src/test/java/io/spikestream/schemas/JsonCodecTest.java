package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spikestream.schemas.avro.ClassStatistics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private final AvroSerde<ClassStatistics> serde = SerdeFactory.singleObject().jsonValueSerde(Topics.STATS);

    @Test
    void statisticsArePlainJsonThatReadsBackEqual() throws Exception {
        ClassStatistics stats = SampleRecords.stats();
        byte[] bytes = serde.serializer().serialize(Topics.STATS.name(), stats);
        JsonNode json = new ObjectMapper().readTree(bytes);
        assertEquals(stats.getCameraId(), json.get("cameraId").asText());
        assertEquals(stats.getWindowStart().toEpochMilli(), json.get("windowStart").asLong());
        assertEquals(stats.getMeanPixelFraction().size(), json.get("meanPixelFraction").size());
        assertEquals(stats, serde.deserializer().deserialize(Topics.STATS.name(), bytes));
    }

    @Test
    void aPayloadThatIsNotTheRecordNamesTheTopicAndWhatWasWrong() {
        byte[] bytes = "{\"cameraId\": 7}".getBytes(StandardCharsets.UTF_8);
        SerializationException e = assertThrows(SerializationException.class,
                () -> serde.deserializer().deserialize(Topics.STATS.name(), bytes));
        assertTrue(e.getMessage().contains(Topics.STATS.name()) && e.getMessage().contains("ClassStatistics"),
                e.getMessage());
    }
}
