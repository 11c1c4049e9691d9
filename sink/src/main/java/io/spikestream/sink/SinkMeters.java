package io.spikestream.sink;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.KafkaMeters;
import io.spikestream.schemas.metrics.StageMeters;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The sink stage's meters ({@code spikestream.sink.*}, the end-to-end latency and the dead letters, listed in
 * {@code docs/monitoring.md}). Counters read {@link SinkMetrics}; results written per camera and the latency
 * histogram are recorded as each result is counted.
 */
final class SinkMeters implements AutoCloseable {

    /** The {@code stage} label value of this stage's meters. */
    static final String STAGE = "sink";

    private final MeterRegistry registry;
    private final CameraTags cameras;
    private final Timer latency;
    private final Map<String, Counter> written = new ConcurrentHashMap<>();
    private KafkaMeters streamsMeters;

    private SinkMeters(MeterRegistry registry, CameraTags cameras) {
        this.registry = registry;
        this.cameras = cameras;
        this.latency = Timer.builder("spikestream.end.to.end.latency")
                .description("Capture time to mask written, for every result written").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    static SinkMeters bind(MeterRegistry registry, CameraTags cameras, SinkMetrics counters) {
        SinkMeters meters = new SinkMeters(registry, cameras);
        meters.register(counters);
        counters.onResultWritten(meters::resultWritten);
        return meters;
    }

    private void register(SinkMetrics counters) {
        for (SkipReason r : SkipReason.values()) {
            FunctionCounter.builder("spikestream.sink.results.skipped", counters, c -> c.resultsSkipped(r))
                    .tag("reason", r.name()).description("Results of frames inference skipped (CSV row only)")
                    .register(registry);
        }
        filesWritten(counters, "mask", SinkMetrics::resultsWritten);
        filesWritten(counters, "overlay", SinkMetrics::overlaysWritten);
        FunctionCounter.builder("spikestream.sink.write.errors", counters, SinkMetrics::writeErrors)
                .description("Writes to the output folder that failed").register(registry);
        FunctionCounter.builder("spikestream.sink.frames.without.result", counters, SinkMetrics::framesWithoutResult)
                .description("Frames whose join window closed without a result").register(registry);
        StageMeters.bindDeadLetters(registry, STAGE, counters.deadLetterCounts());
    }

    private void filesWritten(SinkMetrics counters, String kind, ToDoubleFunction<SinkMetrics> count) {
        FunctionCounter.builder("spikestream.sink.files.written", counters, count).tag("kind", kind)
                .description("Mask and overlay files written").register(registry);
    }

    private void resultWritten(String cameraId, double latencyMillis) {
        written.computeIfAbsent(cameras.of(cameraId), camera -> Counter.builder("spikestream.sink.results.written")
                .tag(CameraTags.KEY, camera).description("Results whose mask and CSV row were written")
                .register(registry)).increment();
        latency.record(Math.round(latencyMillis * 1_000), TimeUnit.MICROSECONDS);
    }

    /** Binds Micrometer's Kafka Streams meters of the stage's client, labelled {@code stage=sink}. */
    synchronized void bindStreams(KafkaStreams streams) {
        streamsMeters = KafkaMeters.bindStreams(registry, STAGE, streams);
    }

    /** Unbinds the Kafka Streams meters; the stage's own meters stay with their last values. */
    @Override
    public synchronized void close() {
        if (streamsMeters != null) {
            streamsMeters.close();
            streamsMeters = null;
        }
    }
}
