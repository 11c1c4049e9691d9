package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.Skip;
import io.spikestream.schemas.avro.SkipReason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LiveSheddingTopologyTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final byte[] PNG = TestFrames.encode(TestFrames.image(64, 32, 5), "png");

    @TempDir
    Path stateDir;

    private TopologyHarness harness;

    private void start(Map<String, Object> settings, Clock clock) {
        harness = new TopologyHarness(stateDir, settings, clock);
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static Map<String, Object> maxAge(long millis) {
        return Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, millis);
    }

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    private void send(String camera, long sequence, FrameDelivery delivery, long ageMillis) {
        send(camera, camera, sequence, delivery, ageMillis, PNG);
    }

    private void send(String key, String camera, long sequence, FrameDelivery delivery, long ageMillis,
            byte[] image) {
        Frame frame = TestFrames.frame(camera, sequence, 64, 32, image, ImageEncoding.PNG).setDelivery(delivery)
                .setCaptureTime(Instant.ofEpochMilli(NOW - ageMillis)).build();
        harness.frames.pipeInput(key, TestFrames.serialize(frame));
    }

    @ParameterizedTest
    @ValueSource(strings = {StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2})
    void shouldSkipOnlyLiveFramesOlderThanTheMaxAgeWithOneRecordPerFrame(String guarantee) {
        start(Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, 500, InferenceConfig.PROCESSING_GUARANTEE_CONFIG,
                guarantee), at(NOW));
        send("live", 0, FrameDelivery.LIVE, 600);
        send("live", 1, FrameDelivery.LIVE, 100);
        send("live", 2, FrameDelivery.LIVE, 500);
        send("live", 3, FrameDelivery.LIVE, 501);
        send("file", 0, FrameDelivery.REPLAY, 60_000);

        List<SegmentationResult> out = harness.results.readValuesToList();
        assertEquals(List.of(0L, 1L, 2L, 3L, 0L), out.stream().map(SegmentationResult::getSequence).toList());
        assertSkipped(out.get(0), 600);
        assertSkipped(out.get(3), 501);
        for (SegmentationResult r : List.of(out.get(1), out.get(2), out.get(4))) {
            assertNull(r.getSkipped(), r.toString());
            assertTrue(r.getMask().remaining() > 0);
        }
        assertEquals(3, harness.segmenter.metrics().frames(), "skipped frames never reach the segmenter");
        assertEquals(5, harness.metrics.framesIn());
        assertEquals(3, harness.metrics.results());
        assertEquals(2, harness.metrics.skipped());
        assertEquals(Map.of("TOO_OLD", 2L, "SUPERSEDED", 0L, "FAIR_SHARE", 0L), harness.metrics.skippedByReason());
        String line = harness.metrics.toString();
        assertTrue(line.contains("frames in 5, segmented 3, skipped 2 {TOO_OLD=2, SUPERSEDED=0, FAIR_SHARE=0}"), line);
    }

    private static void assertSkipped(SegmentationResult r, long age) {
        assertEquals(new Skip(SkipReason.TOO_OLD, age), r.getSkipped());
        assertEquals("live", r.getCameraId());
        assertEquals(NOW - age, r.getCaptureTime().toEpochMilli());
        assertEquals(64, r.getWidth());
        assertEquals(32, r.getHeight());
        assertEquals(0, r.getMask().remaining());
        assertTrue(r.getClassPixelCounts().isEmpty());
        assertTrue(Double.isNaN(r.getMeanFiringRate()));
        assertEquals(0.0, r.getEnergyMillijoules());
        assertEquals(0, r.getBatchSize());
        assertEquals(0.0, r.getRecomputedFraction());
        assertFalse(r.getStateCarried());
        assertNull(r.getPixelAccuracy());
        assertEquals("fake@test", r.getModelId());
        assertEquals(r.getTimings().getDecodeMicros(), r.getTimings().getTotalMicros());
    }

    @Test
    void shouldSkipALiveFrameThatGrewTooOldWhileItsImageWasDecoded() {
        start(maxAge(500), stepping(NOW, NOW + 450));
        send("live", 7, FrameDelivery.LIVE, 100);
        SegmentationResult r = harness.results.readValue();
        assertEquals(new Skip(SkipReason.TOO_OLD, 550L), r.getSkipped());
        assertEquals(0, harness.segmenter.metrics().frames());
    }

    @Test
    void shouldStillDeadLetterOldLiveFramesWithInvalidFieldsButNotDecodeTheirImages() {
        start(maxAge(500), at(NOW));
        send("other", "live", 0, FrameDelivery.LIVE, 10_000, PNG);
        send("live", "live", 1, FrameDelivery.LIVE, 10_000, "not an image".getBytes(StandardCharsets.UTF_8));
        assertTrue(harness.deadLetters.readValue().getReason().contains("differs from cameraId 'live'"));
        assertEquals(SkipReason.TOO_OLD, harness.results.readValue().getSkipped().getReason());
        assertTrue(harness.deadLetters.isEmpty());
    }

    @Test
    void shouldSegmentEveryLiveFrameWhenMaxAgeIsZero() {
        start(maxAge(0), at(NOW));
        send("live", 0, FrameDelivery.LIVE, 3_600_000);
        assertNull(harness.results.readValue().getSkipped());
        assertEquals(0, harness.metrics.skipped());
    }

    /** A clock returning the given instants in turn, then the last one again. */
    private static Clock stepping(long... millis) {
        Deque<Long> queue = new ArrayDeque<>();
        for (long m : millis) {
            queue.add(m);
        }
        return new SuppliedClock(() -> queue.size() > 1 ? queue.poll() : queue.peek());
    }
}
