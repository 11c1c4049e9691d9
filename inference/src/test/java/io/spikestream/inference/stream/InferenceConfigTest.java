package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.runtime.BatchingOptions;
import io.spikestream.inference.runtime.ShippedWeights;
import java.io.IOException;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class InferenceConfigTest {

    private static String error(Map<String, Object> settings) {
        return assertThrows(ConfigException.class, () -> new InferenceConfig(settings)).getMessage();
    }

    @Test
    void shouldUseDefaultsWhenNothingIsSet() throws IOException {
        InferenceConfig c = new InferenceConfig(Map.of());
        Properties p = c.streamsProperties(new InferenceMetrics());
        assertEquals("spikestream-inference", p.get(StreamsConfig.APPLICATION_ID_CONFIG));
        assertEquals(StreamsConfig.AT_LEAST_ONCE, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals(DeadLetterDeserializationHandler.class,
                p.get(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG));
        assertTrue(p.get(DeadLetterSink.CONFIG) instanceof DeadLetterSink);
        assertEquals(10 * 1024 * 1024, p.get("consumer.max.partition.fetch.bytes"));
        assertEquals("spikestream.frames", c.topics().frames().name());
        assertEquals(ShippedWeights.find("tiny-cityscapes").orElse(null), c.model().weights());
        assertEquals(new BatchingOptions(4, 10, false, 30, 16, 30), c.batching());
    }

    @Test
    void shouldAcceptExactlyOnceV2AndPassKafkaSettingsThrough() {
        InferenceConfig c = new InferenceConfig(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2",
                "kafka.commit.interval.ms", "50", "topics.prefix", "staging."));
        Properties p = c.streamsProperties(new InferenceMetrics());
        assertEquals(StreamsConfig.EXACTLY_ONCE_V2, p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG));
        assertEquals("50", p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG));
        assertEquals("staging.spikestream.frames.dlq", c.topics().deadLetters().name());
    }

    @Test
    void shouldRejectRemovedExactlyOnceValue() {
        assertTrue(error(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once"))
                .contains("exactly_once_v2"));
    }

    @Test
    void shouldSuggestMultiplesOf32WhenInputSizeIsOff() {
        String e = error(Map.of(InferenceConfig.INPUT_HEIGHT_CONFIG, 250, InferenceConfig.INPUT_WIDTH_CONFIG, 512));
        assertTrue(e.contains("model.input.height") && e.contains("multiple of 32") && e.contains("use 224 or 256"), e);
    }

    @Test
    void shouldAskForBothSidesWhenOnlyOneIsSet() {
        assertTrue(error(Map.of(InferenceConfig.INPUT_HEIGHT_CONFIG, 256)).contains("set both"));
    }

    @Test
    void shouldRejectUnknownPresetDeviceAndMissingWeights() {
        assertTrue(error(Map.of(InferenceConfig.MODEL_PRESET_CONFIG, "coco")).contains("tiny-cityscapes"));
        assertTrue(error(Map.of(InferenceConfig.MODEL_DEVICE_CONFIG, "cuda")).contains("'gpu:N'"));
        assertTrue(error(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, "/no/such.pth")).contains("no such file"));
    }

    @Test
    void shouldTellRandomFromShippedWeights() throws IOException {
        assertNull(new InferenceConfig(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, "random")).model().weights());
        assertNull(new InferenceConfig(Map.of(InferenceConfig.MODEL_PRESET_CONFIG, "ade20k")).model().weights(),
                "no weights are shipped for ade20k, so the default falls back to random weights");
        String e = error(Map.of(InferenceConfig.MODEL_PRESET_CONFIG, "ade20k",
                InferenceConfig.MODEL_WEIGHTS_CONFIG, "default"));
        assertTrue(e.contains("no weights are shipped for ade20k") && e.contains("'random'"), e);
    }

    @Test
    void shouldRejectResetIntervalWithoutCarry() {
        String e = error(Map.of(InferenceConfig.STATE_CARRY_CONFIG, false,
                InferenceConfig.STATE_RESET_INTERVAL_CONFIG, 10));
        assertTrue(e.contains("state.carry=true"), e);
        assertFalse(new InferenceConfig(Map.of(InferenceConfig.STATE_CARRY_CONFIG, false)).batching().carryState());
    }

    @Test
    void shouldRejectPrefixedCopiesOfFirstClassSettings() {
        String e = error(Map.of("kafka.processing.guarantee", "exactly_once_v2"));
        assertTrue(e.contains("set 'processing.guarantee' instead"), e);
    }
}
