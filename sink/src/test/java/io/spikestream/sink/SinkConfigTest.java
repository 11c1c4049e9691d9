package io.spikestream.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.spikestream.schemas.deadletter.DeadLetterSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkConfigTest {

    @TempDir
    Path tmp;

    @Test
    void shouldUseDocumentedDefaultsWhenOnlyBrokersAreGiven() {
        SinkConfig config = new SinkConfig(Map.of("bootstrap.servers", "localhost:9092"));
        assertEquals("spikestream-sink", config.getString(SinkConfig.APPLICATION_ID_CONFIG));
        assertEquals(0.5, config.getDouble(SinkConfig.OVERLAY_ALPHA_CONFIG));
        assertEquals(Duration.ofMinutes(5), config.joinWindow());
        assertEquals(Duration.ofSeconds(10), config.statsWindow());
        assertEquals("spikestream.results", config.topics().results().name());
    }

    @Test
    void shouldBoundTheCameraLabelsAtSixtyFourUnlessSet() {
        assertEquals(64, new SinkConfig(Map.of("bootstrap.servers", "b:9092"))
                .getInt(SinkConfig.METRICS_CAMERAS_MAX_CONFIG));
        assertThrows(ConfigException.class, () -> new SinkConfig(Map.of("bootstrap.servers", "b:9092",
                "metrics.cameras.max", "0")));
    }

    @Test
    void shouldSizeInternalTopicsForFramesAndPassKafkaSettingsWhenBuildingStreamsProperties() {
        SinkConfig config = new SinkConfig(Map.of("bootstrap.servers", "b:9092", "kafka.num.stream.threads", "3",
                "topics.prefix", "staging."));
        Map<String, Object> props = config.streamsProperties(new SinkMetrics());
        assertEquals(Integer.toString(10 * 1024 * 1024), props.get("topic.max.message.bytes"));
        assertEquals("3", props.get("num.stream.threads"));
        assertEquals("staging.spikestream.frames", config.topics().frames().name());
        assertEquals(DeadLetterDeserializationHandler.class.getName(),
                props.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertEquals("staging.spikestream.results.dlq", ((DeadLetterSink) props.get(DeadLetterSink.CONFIG)).topic());
    }

    @Test
    void shouldSayHowToFixWhenBrokersAreMissing() {
        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(Map.of()));
        assertTrue(e.getMessage().contains("bootstrap.servers=localhost:9092"), e.getMessage());
    }

    @Test
    void shouldRejectPassThroughWhenItOverridesAnOwnedSetting() {
        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(
                Map.of("bootstrap.servers", "b:9092", "kafka.processing.guarantee", "exactly_once_v2")));
        assertTrue(e.getMessage().contains("set processing.guarantee instead"), e.getMessage());
    }

    @Test
    void shouldRejectOutputDirWhenItIsAFile() throws Exception {
        Path file = Files.createFile(tmp.resolve("file"));
        Map<String, Object> settings = new HashMap<>(Map.of("bootstrap.servers", "b:9092", "output.dir",
                file.toString()));
        ConfigException e = assertThrows(ConfigException.class, () -> new SinkConfig(settings));
        assertTrue(e.getMessage().contains("point output.dir at a directory"), e.getMessage());
    }

    @Test
    void shouldRejectValuesWhenOutOfRange() {
        assertThrows(ConfigException.class,
                () -> new SinkConfig(Map.of("bootstrap.servers", "b:9092", "overlay.alpha", "1.5")));
        assertThrows(ConfigException.class,
                () -> new SinkConfig(Map.of("bootstrap.servers", "b:9092", "overlay.format", "gif")));
        assertThrows(ConfigException.class,
                () -> new SinkConfig(Map.of("bootstrap.servers", "b:9092", "stats.emit", "sometimes")));
    }
}
