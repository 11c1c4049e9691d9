package io.spikestream.ingest.service;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.spikestream.ingest.publish.FramePublisher;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.KafkaMeters;
import io.spikestream.schemas.metrics.StageMeters;
import java.util.function.ToLongFunction;

/**
 * The ingest stage's meters ({@code spikestream.ingest.*}, listed in {@code docs/monitoring.md}), read from the
 * service's {@link IngestService#progress()} (so as current as its last report, every {@code progress.interval.ms}),
 * and Micrometer's meters of its producer.
 */
final class IngestMeters {

    /** The {@code stage} label value of this stage's Kafka meters. */
    static final String STAGE = "ingest";

    private final MeterRegistry registry;
    private KafkaMeters producerMeters;

    private IngestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    static IngestMeters bind(MeterRegistry registry, CameraTags cameras, String cameraId, IngestService service) {
        IngestMeters meters = new IngestMeters(registry);
        Tags camera = Tags.of(cameras.tag(cameraId));
        meters.counter("spikestream.ingest.frames.published", "Frames the brokers acknowledged", camera, service,
                IngestProgress::framesAcknowledged);
        meters.counter("spikestream.ingest.frames.dropped", "Live frames replaced by newer ones before publishing",
                camera, service, IngestProgress::framesDropped);
        meters.counter("spikestream.ingest.reconnects", "Camera reconnections", camera, service,
                IngestProgress::reconnects);
        return meters;
    }

    private void counter(String name, String description, Tags camera, IngestService service,
            ToLongFunction<IngestProgress> count) {
        FunctionCounter.builder(name, service, s -> count.applyAsLong(s.progress())).tags(camera)
                .description(description).register(registry);
    }

    /** Binds the producer's meters, labelled {@code stage=ingest}, until {@link #closeProducer()}. */
    synchronized void bindProducer(FramePublisher publisher) {
        producerMeters = publisher.bindClientMetrics(registry, StageMeters.stage(STAGE));
    }

    /** Removes the producer's meters; the stage's own stay with their last values. */
    synchronized void closeProducer() {
        if (producerMeters != null) {
            producerMeters.close();
            producerMeters = null;
        }
    }
}
