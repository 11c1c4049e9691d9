package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;

import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

class TopicsTest {

    @Test
    void shouldUseDefaultNamesWhenNothingConfigured() {
        Topics topics = Topics.from(new SchemasConfig(Map.of()));

        assertEquals(Topics.DEFAULTS, topics);
        assertEquals(
                List.of(
                        "spikestream.frames",
                        "spikestream.results",
                        "spikestream.stats",
                        "spikestream.frames.dlq",
                        "spikestream.results.dlq"),
                topics.all().stream().map(TopicSpec::name).toList());
    }

    @Test
    void shouldPrefixDefaultsButNotExplicitNamesWhenBothConfigured() {
        Topics topics =
                Topics.from(
                        new SchemasConfig(
                                Map.of(
                                        SchemasConfig.TOPIC_PREFIX_CONFIG, "staging.",
                                        SchemasConfig.RESULTS_TOPIC_CONFIG, "segmentation-v2")));

        assertEquals("staging.spikestream.frames", topics.frames().name());
        assertEquals("segmentation-v2", topics.results().name());
        assertEquals("staging.spikestream.frames.dlq", topics.deadLetters().name());
        assertEquals("staging.spikestream.results.dlq", topics.resultDeadLetters().name());
        assertEquals(Frame.class, topics.frames().valueType());
    }

    @Test
    void shouldNameResultDeadLettersExplicitlyWhenConfigured() {
        Topics topics =
                Topics.from(
                        new SchemasConfig(
                                Map.of(SchemasConfig.RESULT_DEAD_LETTERS_TOPIC_CONFIG, "sink-rejects")));

        assertEquals("sink-rejects", topics.resultDeadLetters().name());
        assertEquals(DeadLetter.class, topics.resultDeadLetters().valueType());
        assertTrue(topics.resultDeadLetters().maxMessageBytes() > Topics.RESULTS.maxMessageBytes());
    }

    @Test
    void shouldRejectConfigWhenTopicNameIllegal() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new SchemasConfig(
                                        Map.of(SchemasConfig.FRAMES_TOPIC_CONFIG, "frames/raw")));

        assertTrue(e.getMessage().contains("topics.frames"), e.getMessage());
    }

    @Test
    void shouldRejectSpecWhenPrefixMakesNameIllegal() {
        assertThrows(IllegalArgumentException.class, () -> Topics.FRAMES.withPrefix("bad prefix "));
        assertThrows(IllegalArgumentException.class, () -> Topics.FRAMES.withName("x".repeat(250)));
    }

    @Test
    void shouldRejectConfigWhenRegistryUrlIsNotHttp() {
        ConfigException e =
                assertThrows(
                        ConfigException.class,
                        () ->
                                new SchemasConfig(
                                        Map.of(
                                                SchemasConfig.SCHEMA_REGISTRY_URL_CONFIG,
                                                "localhost:8081")));

        assertTrue(e.getMessage().contains("schema.registry.url"), e.getMessage());
    }

    @Test
    void shouldUseSingleObjectEncodingWhenNoRegistryUrl() {
        assertFalse(SerdeFactory.from(new SchemasConfig(Map.of())).usesRegistry());
    }

    @Test
    void shouldDescribeValueSchemaAndLimitsWhenAsked() {
        assertEquals(Frame.getClassSchema(), Topics.FRAMES.valueSchema());
        assertEquals("spikestream.frames-value", Topics.FRAMES.valueSubject());
        assertEquals(String.class, Topics.FRAMES.keyType());
        assertEquals(Map.of("max.message.bytes", "10485760"), Topics.FRAMES.topicConfigs());
    }
}
