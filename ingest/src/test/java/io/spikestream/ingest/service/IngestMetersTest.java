package io.spikestream.ingest.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.schemas.avro.Frame;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

class IngestMetersTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** The ingest part of the catalogue in docs/monitoring.md, as Micrometer names, types and label keys. */
    private static final Set<String> CATALOGUE = Set.of(
            "spikestream.ingest.frames.published COUNTER [camera]",
            "spikestream.ingest.frames.dropped COUNTER [camera]",
            "spikestream.ingest.reconnects COUNTER [camera]");

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final List<IngestProgress> reports = new CopyOnWriteArrayList<>();

    private IngestService.Builder builder(long sendMillis, String... settings) {
        Map<String, Object> m = new HashMap<>(Map.of("bootstrap.servers", "localhost:9092", "pacing", "max",
                "progress.interval.ms", "10", "sequence.start", "0", "topics.create", "false"));
        for (int i = 0; i < settings.length; i += 2) {
            m.put(settings[i], settings[i + 1]);
        }
        return IngestService.builder(new IngestConfig(m))
                .optProducerFactory((c, k, v) -> new SlowProducer(sendMillis, k, v))
                .optListener(reports::add);
    }

    private static IngestService runToEnd(IngestService service) throws Exception {
        service.start();
        assertTrue(service.awaitCompletion(WAIT), "ingest did not finish");
        return service;
    }

    private double count(String name) {
        return registry.get(name).functionCounter().count();
    }

    private static Set<String> described(MeterRegistry registry) {
        return registry.getMeters().stream().map(Meter::getId).map(id -> id.getName() + " " + id.getType() + " "
                + id.getTags().stream().map(Tag::getKey).sorted().toList())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void shouldExportTheFinalProgressLabelledWithTheCamera() throws Exception {
        try (IngestService service = runToEnd(builder(0, "source", "synthetic:seed=1,frames=4,width=128,height=64")
                .optMeterRegistry(registry).build())) {
            assertEquals(new TreeSet<>(CATALOGUE), described(registry));
            assertEquals(4, service.progress().framesAcknowledged());
            assertEquals(4, count("spikestream.ingest.frames.published"));
            assertEquals("synthetic-1", registry.get("spikestream.ingest.frames.published").functionCounter().getId()
                    .getTag("camera"));
            assertEquals(0, count("spikestream.ingest.frames.dropped"));
            assertEquals(0, count("spikestream.ingest.reconnects"));
        }
    }

    @Test
    void shouldCountLiveFramesDroppedBehindASlowProducer() throws Exception {
        try (IngestService service = runToEnd(builder(20, "source", "synthetic:seed=1,frames=30,width=128,height=64",
                "delivery", "live").optMeterRegistry(registry).build())) {
            IngestProgress end = service.progress();
            assertTrue(end.framesDropped() > 0, end.toString());
            assertEquals(end.framesDropped(), count("spikestream.ingest.frames.dropped"));
            assertEquals(end.framesAcknowledged(), count("spikestream.ingest.frames.published"));
            assertEquals(30, end.framesAcknowledged() + end.framesDropped());
        }
    }

    @Test
    void shouldKeepTheServiceProgressAsOfTheLastReport() throws Exception {
        try (IngestService service = builder(20, "source", "synthetic:seed=1,frames=30,width=128,height=64").build()) {
            service.start();
            while (reports.size() < 3 && service.isRunning()) {
                Thread.sleep(5);
            }
            IngestProgress now = service.progress();
            assertTrue(now.framesSent() > 0 && !now.finished(), now.toString());
            assertTrue(service.awaitCompletion(WAIT));
        }
    }

    @Test
    void shouldRefuseASecondRegistry() {
        IngestService.Builder b = builder(0, "source", "synthetic:seed=1").optMeterRegistry(registry);
        assertThrows(IllegalStateException.class, () -> b.optMeterRegistry(new SimpleMeterRegistry()));
    }

    @Test
    void shouldNotBeConnectedBeforeStart() {
        try (IngestService service = builder(0, "source", "synthetic:seed=1").build()) {
            assertEquals(false, service.kafkaConnected());
        }
    }

    /** A producer that takes {@code sendMillis} per send and acknowledges at once. */
    private static final class SlowProducer extends MockProducer<String, Frame> {

        private final long sendMillis;

        SlowProducer(long sendMillis, Serializer<String> keys, Serializer<Frame> values) {
            super(true, null, keys, values);
            this.sendMillis = sendMillis;
        }

        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<String, Frame> record, Callback callback) {
            try {
                Thread.sleep(sendMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    }
}
