package io.spikestream.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.runtime.BatchingOptions;
import io.spikestream.inference.runtime.ShippedWeights;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.spikestream.schemas.deadletter.DeadLetterSink;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertEquals(new BatchingOptions(4, 10, StateMode.KEYFRAME, DeltaSettings.DEFAULT, new KeyFrameSettings(16, 12), 30, 16, 30,
                Runtime.getRuntime().availableProcessors()), c.batching());
    }

    @Test
    void shouldBoundTheCameraLabelsAtSixtyFourUnlessSet() {
        assertEquals(64, new InferenceConfig(Map.of()).getInt(InferenceConfig.METRICS_CAMERAS_MAX_CONFIG));
        assertEquals(3, new InferenceConfig(Map.of("metrics.cameras.max", "3"))
                .getInt(InferenceConfig.METRICS_CAMERAS_MAX_CONFIG));
        assertTrue(error(Map.of("metrics.cameras.max", "0")).contains("metrics.cameras.max"));
    }

    @Test
    void shouldUseAPerProcessStateFolderUnlessStateDirIsSet() {
        Properties defaults = new InferenceConfig(Map.of()).streamsProperties(new InferenceMetrics());
        assertTrue(defaults.get(StreamsConfig.STATE_DIR_CONFIG).toString()
                .endsWith("spikestream-state-spikestream-inference-" + ProcessHandle.current().pid()),
                defaults.toString());
        Properties set = new InferenceConfig(Map.of(StreamsConfig.STATE_DIR_CONFIG, "/var/lib/spikestream"))
                .streamsProperties(new InferenceMetrics());
        assertEquals("/var/lib/spikestream", set.get(StreamsConfig.STATE_DIR_CONFIG));
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
    void shouldSkipLiveFramesOlderThanASecondByDefaultAndAcceptZeroForNever() {
        assertEquals(1_000, new InferenceConfig(Map.of()).liveMaxAgeMillis());
        assertEquals(0, new InferenceConfig(Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, "0")).liveMaxAgeMillis());
    }

    @Test
    void shouldRejectALiveMaxAgeWithinTheBatchWait() {
        String e = error(Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, 50, InferenceConfig.BATCH_MAX_DELAY_MS_CONFIG,
                50));
        assertTrue(e.contains("live.max.age.ms") && e.contains("must exceed batch.max.delay.ms (50 ms)")
                && e.contains("set 0 to never skip"), e);
        assertTrue(error(Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, -1)).contains("live.max.age.ms"));
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
    void shouldReadDeltaModeAndItsSettings() {
        InferenceConfig c = new InferenceConfig(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta",
                InferenceConfig.DELTA_THRESHOLD_CONFIG, "0", InferenceConfig.DELTA_TILE_CONFIG, 32,
                InferenceConfig.DELTA_DENSE_BOUND_CONFIG, 1.0, InferenceConfig.STATE_RESET_INTERVAL_CONFIG, 10));
        assertEquals(StateMode.DELTA, c.batching().stateMode());
        assertEquals(new DeltaSettings(0, 32, 1.0), c.batching().delta());
        assertEquals(10, c.batching().resetInterval());
        assertEquals(Runtime.getRuntime().availableProcessors(), c.batching().workers(), "one worker per core");
        assertEquals(0, c.batching().delta().contextBound(), "threshold 0 stays exact unless a bound is set");
    }

    @Test
    void shouldDefaultTheContextBoundFromTheThresholdAndValidateIt() {
        Map<String, Object> delta = Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta");
        assertEquals(DeltaSettings.DEFAULT_CONTEXT_BOUND, new InferenceConfig(delta).batching().delta().contextBound());
        InferenceConfig set = new InferenceConfig(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta",
                InferenceConfig.DELTA_THRESHOLD_CONFIG, 0.0, InferenceConfig.DELTA_CONTEXT_BOUND_CONFIG, "0.25"));
        assertEquals(new DeltaSettings(0, 16, 0.5, 0.25), set.batching().delta());
        assertFalse(set.batching().delta().exact());
        String e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta",
                InferenceConfig.DELTA_CONTEXT_BOUND_CONFIG, 1.5));
        assertTrue(e.contains("delta.context.bound") && e.contains("must be in [0, 1]"), e);
    }

    @Test
    void shouldTakeTheWorkersGivenInEitherMode() {
        assertEquals(3, new InferenceConfig(Map.of(InferenceConfig.INFERENCE_WORKERS_CONFIG, 3)).batching().workers());
        assertEquals(2, new InferenceConfig(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta",
                InferenceConfig.INFERENCE_WORKERS_CONFIG, 2)).batching().workers());
    }

    @Test
    void shouldNameTheModesWhenStateModeIsUnknown() {
        String e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "carry"));
        assertTrue(e.contains("state.mode") && e.contains("reset") && e.contains("delta"), e);
    }

    @Test
    void shouldExplainThatStateCarryWasRetired() {
        String e = error(Map.of(InferenceConfig.STATE_CARRY_CONFIG, "true"));
        assertTrue(e.contains("state.carry") && e.contains("was replaced by state.mode"), e);
        assertTrue(e.contains("retired because") && e.contains("42.9 -> 29.3 mIoU"), e);
        assertTrue(error(Map.of(InferenceConfig.STATE_CARRY_CONFIG, false)).contains("was replaced by state.mode"));
    }

    @Test
    void shouldRejectResetIntervalInResetMode() {
        String e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "reset",
                InferenceConfig.STATE_RESET_INTERVAL_CONFIG, 10));
        assertTrue(e.contains("state.reset.interval") && e.contains("has no effect with state.mode=reset")
                && e.contains("remove it or set state.mode=delta"), e);
        assertEquals(StateMode.KEYFRAME, new InferenceConfig(Map.of()).batching().stateMode(),
                "the mode stored with the shipped weights");
    }

    @Test
    void shouldRejectEveryDeltaSettingInResetMode() {
        for (String key : List.of(InferenceConfig.DELTA_THRESHOLD_CONFIG, InferenceConfig.DELTA_TILE_CONFIG,
                InferenceConfig.DELTA_DENSE_BOUND_CONFIG, InferenceConfig.DELTA_CONTEXT_BOUND_CONFIG)) {
            String e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "reset", key,
                    key.equals(InferenceConfig.DELTA_TILE_CONFIG) ? "16" : "0.5"));
            assertTrue(e.contains(key) && e.contains("has no effect with state.mode=reset; remove it or set"
                    + " state.mode=delta"), e);
        }
    }

    @Test
    void shouldNameTheAllowedRangeOfEachDeltaSetting() {
        assertTrue(deltaError(InferenceConfig.DELTA_THRESHOLD_CONFIG, "256").contains("0..255 grey levels"));
        assertTrue(deltaError(InferenceConfig.DELTA_THRESHOLD_CONFIG, "-1").contains("0..255 grey levels"));
        assertTrue(deltaError(InferenceConfig.DELTA_TILE_CONFIG, "8").contains("must be 16 or 32"));
        assertTrue(deltaError(InferenceConfig.DELTA_DENSE_BOUND_CONFIG, "0").contains("must be in (0, 1]"));
        assertTrue(deltaError(InferenceConfig.DELTA_DENSE_BOUND_CONFIG, "1.5").contains("must be in (0, 1]"));
    }

    private static String deltaError(String key, String value) {
        return error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta", key, value));
    }

    @Test
    void shouldRejectPrefixedCopiesOfFirstClassSettings() {
        String e = error(Map.of("kafka.processing.guarantee", "exactly_once_v2"));
        assertTrue(e.contains("set 'processing.guarantee' instead"), e);
    }

    /** A weights file whose properties are the shipped ones plus {@code extra} (the parameters are not read). */
    private static String weightsNaming(Path dir, String extra) throws IOException {
        Path params = dir.resolve("w.params");
        Files.write(params, new byte[] {0});
        Path shipped = ShippedWeights.resolve("tiny-cityscapes");
        String props = Files.readString(shipped.resolveSibling("tiny-cityscapes.properties"))
                .replaceAll("(?m)^(state\\.mode|keyframe\\.[a-z.]+)=.*$", "");
        Files.writeString(dir.resolve("w.properties"), props + "\n" + extra);
        return params.toString();
    }

    @Test
    void shouldTakeTheModeAndKeyFramesStoredWithTheWeights(@TempDir Path dir) throws IOException {
        String w = weightsNaming(dir, "state.mode=keyframe\nkeyframe.interval=6\nkeyframe.adaptive.change=9\n");
        BatchingOptions b = new InferenceConfig(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w)).batching();
        assertEquals(StateMode.KEYFRAME, b.stateMode());
        assertEquals(new KeyFrameSettings(6, 9), b.keyFrames());
        BatchingOptions given = new InferenceConfig(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w,
                InferenceConfig.KEYFRAME_INTERVAL_CONFIG, 3)).batching();
        assertEquals(new KeyFrameSettings(3, 9), given.keyFrames(), "a setting overrides the weights'");
        assertEquals(StateMode.RESET, new InferenceConfig(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w,
                InferenceConfig.STATE_MODE_CONFIG, "reset")).batching().stateMode());
    }

    @Test
    void shouldUseDeltaForWeightsThatNameNoMode(@TempDir Path dir) throws IOException {
        String w = weightsNaming(dir, "");
        assertEquals(StateMode.DELTA, new InferenceConfig(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w))
                .batching().stateMode());
    }

    @Test
    void shouldRefuseSettingsOfAnotherMode(@TempDir Path dir) throws IOException {
        String w = weightsNaming(dir, "state.mode=keyframe\n");
        String e = error(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w, InferenceConfig.DELTA_THRESHOLD_CONFIG, 0.0));
        assertTrue(e.contains("delta.threshold") && e.contains("has no effect with state.mode=keyframe (the mode"
                + " stored with the weights); remove it or set state.mode=delta"), e);
        e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "delta", InferenceConfig.KEYFRAME_INTERVAL_CONFIG, 2));
        assertTrue(e.contains("keyframe.interval") && e.contains("set state.mode=keyframe"), e);
        e = error(Map.of(InferenceConfig.STATE_MODE_CONFIG, "keyframe", InferenceConfig.KEYFRAME_INTERVAL_CONFIG, 0));
        assertTrue(e.contains("keyframe.interval") && e.contains("at least 1"), e);
    }

    @Test
    void shouldNameTheFileOfABadStoredMode(@TempDir Path dir) throws IOException {
        String w = weightsNaming(dir, "state.mode=carry\n");
        String e = error(Map.of(InferenceConfig.MODEL_WEIGHTS_CONFIG, w));
        assertTrue(e.contains("w.properties") && e.contains("Unknown state mode 'carry'"), e);
    }
}
