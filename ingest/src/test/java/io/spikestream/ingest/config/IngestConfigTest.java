package io.spikestream.ingest.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.ingest.encode.ImageFormat;
import io.spikestream.ingest.pace.Delivery;
import io.spikestream.ingest.pace.Pacing;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

    private static Map<String, Object> minimal(String source) {
        Map<String, Object> m = new HashMap<>();
        m.put("bootstrap.servers", "localhost:9092");
        m.put("source", source);
        return m;
    }

    private static IngestConfig with(String source, Object... keyValues) {
        Map<String, Object> m = minimal(source);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new IngestConfig(m);
    }

    private static String failure(String source, Object... keyValues) {
        return assertThrows(ConfigException.class, () -> with(source, keyValues)).getMessage();
    }

    @Test
    void shouldBoundTheCameraLabelsAtSixtyFourUnlessSet() {
        assertEquals(64, with("synthetic:seed=7").metricsCamerasMax());
        assertEquals(2, with("synthetic:seed=7", "metrics.cameras.max", "2").metricsCamerasMax());
        assertTrue(failure("synthetic:seed=7", "metrics.cameras.max", "0").contains("metrics.cameras.max"));
    }

    @Test
    void shouldApplyDefaultsWhenOnlyBrokersAndSourceAreGiven() {
        IngestConfig c = with("synthetic:seed=7,frames=30,width=512,height=256");
        assertEquals("synthetic-7", c.cameraId());
        assertEquals(Pacing.SOURCE, c.pacing());
        assertEquals(Delivery.REPLAY, c.delivery());
        assertEquals(ImageFormat.JPEG, c.encoding());
        assertEquals(85, c.jpegQuality());
        assertEquals(0, c.maxFrames());
        assertEquals("lz4", c.compressionType());
        assertEquals("spikestream.frames", c.topics().frames().name());
        assertEquals("synthetic-7", c.sourceOptions().name());
        assertTrue(c.topicPartitions().isEmpty());
    }

    @Test
    void shouldResolveCameraSettingsWhenSourceIsACamera() {
        IngestConfig c = with("rtsp://admin:secret@10.0.0.5/live", "camera.reconnect.backoff.ms", "100",
                "camera.reconnect.max.attempts", "3", "encoding", "PNG", "pacing", "fixed:12.5");
        assertEquals("rtsp://10.0.0.5/live", c.cameraId());
        assertEquals(Delivery.LIVE, c.delivery());
        assertEquals(ImageFormat.PNG, c.encoding());
        assertEquals(Pacing.fixed(12.5), c.pacing());
        assertEquals(Duration.ofMillis(100), c.sourceOptions().reconnect().initialDelay());
        assertEquals(3, c.sourceOptions().reconnect().maxAttempts());
        assertEquals(Delivery.REPLAY, with("rtsp://cam/live", "delivery", "replay").delivery());
    }

    @Test
    void shouldPassKafkaPrefixedSettingsAndTopicNamesThrough() {
        IngestConfig c = with("clip.mp4", "kafka.linger.ms", "20", "kafka.security.protocol", "SSL",
                "topics.prefix", "staging.", "camera.id", "front-left");
        assertEquals(Map.of("linger.ms", "20", "security.protocol", "SSL"), c.producerOverrides());
        assertEquals("SSL", c.adminConfigs().get("security.protocol"));
        assertTrue(!c.adminConfigs().containsKey("linger.ms"));
        assertEquals("localhost:9092", c.adminConfigs().get("bootstrap.servers"));
        assertEquals("staging.spikestream.frames", c.topics().frames().name());
        assertEquals("front-left", c.cameraId());
    }

    @Test
    void shouldNameMissingRequiredSettingsWhenAbsent() {
        Map<String, Object> noBrokers = minimal("clip.mp4");
        noBrokers.remove("bootstrap.servers");
        String m = assertThrows(ConfigException.class, () -> new IngestConfig(noBrokers)).getMessage();
        assertTrue(m.contains("bootstrap.servers"), m);
    }

    @Test
    void shouldExplainHowToFixInvalidValuesWhenValidating() {
        assertTrue(failure("clip.mp4", "pacing", "fast").contains("expected source, max or fixed:<fps>"));
        assertTrue(failure("clip.mp4", "jpeg.quality", "0").contains("jpeg.quality"));
        assertTrue(failure("clip.mp4", "encoding", "webp").contains("encoding"));
        assertTrue(failure("clip.mp4", "camera.id", "front left").contains("without spaces"));
        assertTrue(failure("clip.mp4", "topics.partitions", "0").contains("-1 for the broker's default"));
        String synthetic = failure("synthetic:seed=1,fps=30");
        assertTrue(synthetic.contains("fps") && synthetic.contains("seed, frames, width, height, clip"), synthetic);
    }

    @Test
    void shouldRejectContradictingSettingsWithFixItMessages() {
        String loop = failure("rtsp://admin:secret@cam/live", "loop", "true");
        assertTrue(loop.contains("cannot be looped") && !loop.contains("secret"), loop);
        assertTrue(failure("clip.mp4", "camera.reconnect.backoff.ms", "5000", "camera.reconnect.backoff.max.ms", "1000")
                .contains("raise it or lower the initial backoff"));
        assertTrue(failure("clip.mp4", "kafka.acks", "1").contains("remove kafka.acks"));
        assertTrue(failure("clip.mp4", "kafka.enable.idempotence", "false").contains("remove kafka.enable.idempotence"));
        assertTrue(failure("clip.mp4", "kafka.bootstrap.servers", "x:1").contains("set bootstrap.servers instead"));
        assertTrue(failure("clip.mp4", "kafka.max.request.size", "20000000").contains("max.message.bytes"));
    }
}
