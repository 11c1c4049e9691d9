package io.spikestream.inference.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceMeters;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.schemas.metrics.CameraTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceMetersTopologyTest {

    private static final long NOW = 1_800_000_000_000L;
    private static final byte[] PNG = TestFrames.encode(TestFrames.image(64, 32, 5), "png");

    @TempDir
    Path stateDir;

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private TopologyHarness harness;

    @BeforeEach
    void start() {
        harness = new TopologyHarness(stateDir, Map.of(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, 500),
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC));
        InferenceMeters.bind(registry, new CameraTags(2), harness.metrics).bindSegmenter(harness.segmenter);
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private void send(String camera, long sequence, FrameDelivery delivery, long ageMillis, byte[] image) {
        Frame frame = TestFrames.frame(camera, sequence, 64, 32, image, ImageEncoding.PNG).setDelivery(delivery)
                .setCaptureTime(Instant.ofEpochMilli(NOW - ageMillis)).build();
        harness.frames.pipeInput(camera, TestFrames.serialize(frame));
    }

    private double processed(String camera) {
        return registry.get("spikestream.frames.processed").tag("camera", camera).counter().count();
    }

    @Test
    void shouldCountWhatTheInferenceMetricsCountWithCamerasBeyondTheBoundAsOther() {
        for (String camera : new String[] {"a", "b", "c", "d"}) {
            send(camera, 0, FrameDelivery.REPLAY, 60_000, PNG);
            send(camera, 1, FrameDelivery.LIVE, 100, PNG);
        }
        send("a", 2, FrameDelivery.LIVE, 900, PNG);
        send("d", 2, FrameDelivery.LIVE, 900, PNG);
        send("b", 3, FrameDelivery.REPLAY, 0, "not an image".getBytes(StandardCharsets.UTF_8));

        InferenceMetrics metrics = harness.metrics;
        assertEquals(11, metrics.framesIn());
        assertEquals(metrics.framesIn(), registry.get("spikestream.frames.received").functionCounter().count());
        assertEquals(8, metrics.results());
        assertEquals(metrics.results(), registry.find("spikestream.frames.processed").counters().stream()
                .mapToDouble(c -> c.count()).sum());
        assertEquals(2, processed("a"));
        assertEquals(2, processed("b"));
        assertEquals(4, processed(CameraTags.OTHER));
        assertEquals(metrics.skipped(SkipReason.TOO_OLD), registry.find("spikestream.frames.skipped")
                .tag("reason", "TOO_OLD").counters().stream().mapToDouble(c -> c.count()).sum());
        assertEquals(1, registry.get("spikestream.frames.skipped").tags("camera", "a", "reason", "TOO_OLD")
                .counter().count());
        assertEquals(1, registry.get("spikestream.frames.skipped").tags("camera", CameraTags.OTHER)
                .counter().count());
        assertEquals(metrics.deadLetters(Rejection.UNDECODABLE_IMAGE), registry.get("spikestream.dead.letters")
                .tags("stage", "infer", "reason", "UNDECODABLE_IMAGE").functionCounter().count());
        assertEquals(1, metrics.deadLetters());
    }

    @Test
    void shouldRecordEverySegmentedFramesTimeAndStatistics() {
        send("a", 0, FrameDelivery.REPLAY, 0, PNG);
        send("a", 1, FrameDelivery.REPLAY, 0, PNG);
        send("a", 2, FrameDelivery.LIVE, 900, PNG);

        assertEquals(2, registry.get("spikestream.inference").timer().count());
        assertEquals(2, registry.get("spikestream.recomputed.fraction").summary().count());
        assertEquals(1.0 + FakeSegmenter.DELTA_FRACTION, registry.get("spikestream.recomputed.fraction").summary()
                .totalAmount(), 1e-9);
        assertEquals(0.5, registry.get("spikestream.firing.rate").summary().totalAmount(), 1e-9);
        assertEquals(0.003, registry.get("spikestream.energy").summary().totalAmount(), 1e-12, "joules");
        assertEquals(2, registry.get("spikestream.camera.frames.per.second").tag("camera", "a").gauge().value());
    }
}
