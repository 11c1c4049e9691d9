package io.spikestream.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.schemas.metrics.CameraTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkMetersTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long T0 = NOW - 60_000;

    /** The sink part of the catalogue in docs/monitoring.md, as Micrometer names, types and label keys. */
    private static final Set<String> CATALOGUE = Set.of(
            "spikestream.sink.results.written COUNTER [camera]",
            "spikestream.sink.results.skipped COUNTER [reason]",
            "spikestream.sink.files.written COUNTER [kind]",
            "spikestream.sink.write.errors COUNTER []",
            "spikestream.sink.frames.without.result COUNTER []",
            "spikestream.end.to.end.latency TIMER []",
            "spikestream.dead.letters COUNTER [reason, stage]");

    @TempDir
    Path tmp;

    private MeterRegistry registry = new SimpleMeterRegistry();
    private SinkHarness harness;

    private void start(Map<String, String> overrides) {
        harness = new SinkHarness(tmp, overrides, NOW);
        registry = new SimpleMeterRegistry();
        SinkMeters.bind(registry, new CameraTags(harness.config.getInt(
                SinkConfig.METRICS_CAMERAS_MAX_CONFIG)), harness.metrics);
    }

    private void stop() throws Exception {
        harness.driver.close();
        harness.writer.close();
        harness = null;
    }

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            stop();
        }
    }

    private double count(String name, String... tags) {
        return registry.get(name).tags(tags).meters().stream().mapToDouble(m -> m.measure().iterator().next()
                .getValue()).sum();
    }

    private static Set<String> described(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(id -> id.getName() + " " + id.getType() + " "
                + id.getTags().stream().map(Tag::getKey).sorted().toList())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldRegisterExactlyTheCatalogueOnceAResultWasWritten() {
        start(Map.of());
        harness.results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        assertEquals(new TreeSet<>(CATALOGUE), described(registry));
    }

    @Test
    void shouldCountWhatTheSinkMetricsCountWithCamerasBeyondTheBoundAsOther() {
        start(Map.of(SinkConfig.JOIN_WINDOW_MS_CONFIG, "1000", "metrics.cameras.max", "1"));
        harness.frames.pipeInput("cam1", Fixtures.frame("cam1", 0, T0, Fixtures.maskIds()));
        harness.results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        harness.results.pipeInput("cam2", Fixtures.result("cam2", 0, T0 + 20_000, 40_000, 0.2));
        harness.results.pipeInput("cam2", Fixtures.skipped("cam2", 1, T0 + 30, SkipReason.TOO_OLD, 900));
        harness.frames.pipeInput("cam3", Fixtures.frame("cam3", 0, T0 + 100, null));
        harness.frames.pipeInput("cam3", Fixtures.frame("cam3", 1, T0 + 5_000, null));
        harness.driver.createInputTopic(Topics.RESULTS.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("cam1", "not avro".getBytes(StandardCharsets.UTF_8));

        SinkMetrics metrics = harness.metrics;
        assertEquals(2, metrics.resultsWritten());
        assertEquals(1, count("spikestream.sink.results.written", "camera", "cam1"));
        assertEquals(1, count("spikestream.sink.results.written", "camera", CameraTags.OTHER));
        assertEquals(metrics.resultsWritten(), count("spikestream.sink.files.written", "kind", "mask"));
        assertEquals(metrics.overlaysWritten(), count("spikestream.sink.files.written", "kind", "overlay"));
        assertEquals(1, count("spikestream.sink.results.skipped", "reason", "TOO_OLD"));
        assertEquals(metrics.resultsSkipped(), count("spikestream.sink.results.skipped"));
        assertEquals(metrics.framesWithoutResult(), count("spikestream.sink.frames.without.result"));
        assertTrue(metrics.framesWithoutResult() > 0);
        assertEquals(1, count("spikestream.dead.letters", "stage", "sink", "reason",
                Rejection.UNDECODABLE_RECORD.name()));
        assertEquals(metrics.deadLetters(), count("spikestream.dead.letters", "stage", "sink"));
        Timer latency = registry.get("spikestream.end.to.end.latency").timer();
        assertEquals(metrics.latency().count(), latency.count());
        assertEquals(60_000 + 40_000, latency.totalTime(TimeUnit.MILLISECONDS), 1e-6);
    }

    @Test
    void shouldCountAFailedWriteButNotARefusedConflictingFrame() throws Exception {
        start(Map.of());
        harness.results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        stop();
        start(Map.of());
        assertThrows(StreamsException.class, () -> harness.results.pipeInput("cam1",
                Fixtures.result("cam1", 0, T0 + 3_600_000, 40_000, 0.2)));
        assertEquals(0, count("spikestream.sink.write.errors"));
        stop();

        Files.writeString(tmp.resolve("out").resolve("cam2"), "a file where the camera's folder goes");
        start(Map.of());
        assertThrows(StreamsException.class, () -> harness.results.pipeInput("cam2",
                Fixtures.result("cam2", 0, T0, 40_000, 0.2)));
        assertEquals(1, harness.metrics.writeErrors());
        assertEquals(1, count("spikestream.sink.write.errors"));
    }

    @Test
    void shouldRefuseBindingTwiceOrAfterClose() throws Exception {
        Map<String, Object> settings = Map.of(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092",
                SinkConfig.OUTPUT_DIR_CONFIG, tmp.resolve("service").toString());
        try (SinkService service = new SinkService(new SinkConfig(settings))) {
            assertFalse(service.kafkaConnected());
            service.bindMetrics(registry);
            assertThrows(IllegalStateException.class, () -> service.bindMetrics(registry));
        }
        SinkService closed = new SinkService(new SinkConfig(settings));
        closed.close();
        assertThrows(IllegalStateException.class, () -> closed.bindMetrics(new SimpleMeterRegistry()));
    }
}
