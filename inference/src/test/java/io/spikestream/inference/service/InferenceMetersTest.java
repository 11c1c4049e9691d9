package io.spikestream.inference.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterMetrics;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceMetersTest {

    private static final long SECOND = 1_000_000_000L;

    /** The inference part of the catalogue in docs/monitoring.md, as Micrometer names, types and label keys. */
    private static final Set<String> CATALOGUE = Set.of(
            "spikestream.frames.received COUNTER []",
            "spikestream.frames.processed COUNTER [camera]",
            "spikestream.frames.skipped COUNTER [camera, reason]",
            "spikestream.dead.letters COUNTER [reason, stage]",
            "spikestream.model.forward TIMER []",
            "spikestream.inference TIMER []",
            "spikestream.batch.size DISTRIBUTION_SUMMARY []",
            "spikestream.camera.frames.per.second GAUGE [camera]",
            "spikestream.state.memory GAUGE [] bytes",
            "spikestream.state.cameras GAUGE []",
            "spikestream.state.resets COUNTER [reason]",
            "spikestream.state.evictions COUNTER []",
            "spikestream.recomputed.fraction DISTRIBUTION_SUMMARY []",
            "spikestream.firing.rate DISTRIBUTION_SUMMARY []",
            "spikestream.energy DISTRIBUTION_SUMMARY [] joules");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final InferenceMetrics counters = new InferenceMetrics();
    private final AtomicLong clock = new AtomicLong(100 * SECOND);

    @TempDir
    Path stateDir;

    private InferenceMeters bind() {
        return InferenceMeters.bind(registry, new CameraTags(64), counters, clock::get);
    }

    private static SegmentationOutput output(double firingRate, double energy) {
        return new SegmentationOutput(1, 1, new byte[1], new long[1], false, 0.25, 2, firingRate, energy, 0, 0, 0, 0);
    }

    /** The registry's meters but the bucket gauges a SimpleMeterRegistry adds ({@code <name>.histogram}). */
    static Set<String> described(MeterRegistry registry) {
        return registry.getMeters().stream().filter(m -> m.getId().getTag("le") == null)
                .map(InferenceMetersTest::describe).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String describe(Meter m) {
        Meter.Id id = m.getId();
        String keys = id.getTags().stream().map(Tag::getKey).sorted().distinct().toList().toString();
        return id.getName() + " " + id.getType() + " " + keys + (id.getBaseUnit() == null
                || id.getType() == Meter.Type.TIMER ? "" : " " + id.getBaseUnit());
    }

    @Test
    void shouldRegisterExactlyTheCatalogueOnceEveryKindOfEventHappened() {
        InferenceMeters meters = bind();
        meters.segmented("a", output(0.1, 2), 30_000);
        meters.skipped("a", SkipReason.TOO_OLD);
        meters.batchDone(2, 40_000_000);
        assertEquals(new TreeSet<>(CATALOGUE), described(registry));
    }

    @Test
    void shouldTimeEveryForwardPassAndItsBatchSize() {
        InferenceMeters meters = bind();
        meters.batchDone(2, 40_000_000);
        meters.batchDone(3, 60_000_000);
        Timer forward = registry.get("spikestream.model.forward").timer();
        assertEquals(2, forward.count());
        assertEquals(100, forward.totalTime(TimeUnit.MILLISECONDS), 1e-9);
        assertEquals(5, registry.get("spikestream.batch.size").summary().totalAmount());
        assertEquals(2.5, registry.get("spikestream.batch.size").summary().mean());
    }

    @Test
    void shouldLeaveFiringRateAndEnergyOutWhenTheFrameWasNotMeasured() {
        InferenceMeters meters = bind();
        meters.segmented("a", output(Double.NaN, Double.NaN), 30_000);
        meters.segmented("a", output(0.2, 4), 30_000);
        assertEquals(1, registry.get("spikestream.firing.rate").summary().count());
        assertEquals(0.004, registry.get("spikestream.energy").summary().totalAmount(), 1e-12, "joules");
        assertEquals(2, registry.get("spikestream.recomputed.fraction").summary().count());
        assertEquals(60, registry.get("spikestream.inference").timer().totalTime(TimeUnit.MILLISECONDS), 1e-9);
    }

    @Test
    void shouldMeasureFramesPerSecondOverTheLastTenSecondsAndDecayToZero() {
        InferenceMeters meters = bind();
        for (int i = 0; i < 50; i++) {
            meters.segmented("a", output(0.1, 1), 1_000);
            clock.addAndGet(SECOND / 5);
        }
        double fps = registry.get("spikestream.camera.frames.per.second").tag("camera", "a").gauge().value();
        assertEquals(5, fps, 0.01);
        clock.addAndGet(5 * SECOND);
        assertEquals(2.5, registry.get("spikestream.camera.frames.per.second").gauge().value(), 0.11);
        clock.addAndGet(6 * SECOND);
        assertEquals(0, registry.get("spikestream.camera.frames.per.second").gauge().value());
    }

    @Test
    void shouldReadStateResetsAndEvictionsFromTheSegmenter() {
        InferenceMeters meters = bind();
        assertEquals(0, registry.get("spikestream.state.memory").gauge().value());
        meters.bindSegmenter(new StateOnly(new SegmenterMetrics(9, 5, new long[3], Map.of("NEW_CAMERA", 2L,
                "KEY_FRAME", 3L), 1, new SegmenterMetrics.StateSize(2, 3, 4_000, 5_000), 0)));
        assertEquals(4_000, registry.get("spikestream.state.memory").gauge().value());
        assertEquals(2, registry.get("spikestream.state.cameras").gauge().value());
        assertEquals(3, registry.get("spikestream.state.resets").tag("reason", "KEY_FRAME").functionCounter().count());
        assertEquals(0, registry.get("spikestream.state.resets").tag("reason", "EVICTED").functionCounter().count());
        assertEquals(1, registry.get("spikestream.state.evictions").functionCounter().count());
    }

    @Test
    void shouldBindTheKafkaStreamsMetersLabelledWithTheStageUntilClosed() {
        InferenceMeters meters = bind();
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "meters-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        try (KafkaStreams streams = new KafkaStreams(builder.build(), props)) {
            meters.bindStreams(streams);
            assertTrue(registry.find("kafka.consumer.fetch.manager.records.lag.max").tag("stage", "infer").meter()
                    != null, described(registry).toString());
            meters.close();
            assertFalse(registry.getMeters().stream().anyMatch(m -> m.getId().getName().startsWith("kafka.")));
        }
    }

    /** A segmenter that only reports metrics. */
    private record StateOnly(SegmenterMetrics metrics) implements Segmenter {

        @Override
        public SegmentationOutput segment(SegmentationRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String modelId() {
            return "state-only";
        }

        @Override
        public void close() {}
    }
}
