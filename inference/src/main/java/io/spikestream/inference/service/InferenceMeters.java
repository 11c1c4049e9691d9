package io.spikestream.inference.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.spikestream.inference.runtime.ResetReason;
import io.spikestream.inference.stream.FrameListener;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.KafkaMeters;
import io.spikestream.schemas.metrics.StageMeters;
import io.spikestream.vision.BatchListener;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The inference stage's meters ({@code spikestream.*}, listed in {@code docs/monitoring.md}). Counters read
 * {@link InferenceMetrics} and the segmenter's {@link SegmenterMetrics}; what needs the event (per-camera counts,
 * histograms) is recorded as the {@link FrameListener} of the counters and the {@link BatchListener} of the
 * segmenter. {@link InferenceService#bindMetrics} creates it; public for tests that run the topology without a
 * service.
 */
public final class InferenceMeters implements FrameListener, BatchListener, AutoCloseable {

    /** The {@code stage} label value of this stage's meters. */
    public static final String STAGE = "infer";

    private static final long RATE_WINDOW_NANOS = Duration.ofSeconds(10).toNanos();
    private static final SegmenterMetrics NO_SEGMENTER = new SegmenterMetrics(0, 0, new long[1], Map.of(), 0,
            SegmenterMetrics.StateSize.NONE, 0);

    private final MeterRegistry registry;
    private final CameraTags cameras;
    private final CameraRates rates;
    private final Map<String, Counter> processed = new ConcurrentHashMap<>();
    private final Map<Skip, Counter> skipped = new ConcurrentHashMap<>();
    private final Timer forward;
    private final Timer inference;
    private final DistributionSummary batchSize;
    private final DistributionSummary recomputed;
    private final DistributionSummary firingRate;
    private final DistributionSummary energy;
    private volatile Segmenter segmenter;
    private KafkaMeters streamsMeters;

    private InferenceMeters(MeterRegistry registry, CameraTags cameras, LongSupplier nanos) {
        this.registry = registry;
        this.cameras = cameras;
        this.rates = new CameraRates(RATE_WINDOW_NANOS, nanos);
        this.forward = InferenceHistograms.forward(registry);
        this.inference = InferenceHistograms.inference(registry);
        this.batchSize = InferenceHistograms.batchSize(registry);
        this.recomputed = InferenceHistograms.recomputedFraction(registry);
        this.firingRate = InferenceHistograms.firingRate(registry);
        this.energy = InferenceHistograms.energy(registry);
    }

    /**
     * Registers the stage's meters and becomes the frame listener of its counters.
     *
     * @param registry where to register
     * @param cameras the bound on camera label values
     * @param counters the stage's counters; the meters read them
     * @return the meters; {@link #bindSegmenter} and {@link #bindStreams} add the rest once those exist
     * @throws IllegalStateException when the counters have a frame listener already
     */
    public static InferenceMeters bind(MeterRegistry registry, CameraTags cameras, InferenceMetrics counters) {
        return bind(registry, cameras, counters, System::nanoTime);
    }

    static InferenceMeters bind(MeterRegistry registry, CameraTags cameras, InferenceMetrics counters,
            LongSupplier nanos) {
        InferenceMeters meters = new InferenceMeters(registry, cameras, nanos);
        meters.registerCounters(counters);
        meters.registerState();
        counters.setListener(meters);
        return meters;
    }

    private void registerCounters(InferenceMetrics counters) {
        FunctionCounter.builder("spikestream.frames.received", counters, InferenceMetrics::framesIn)
                .description("Frame records the inference processor received").register(registry);
        StageMeters.bindDeadLetters(registry, STAGE, counters.deadLetterCounts());
    }

    private void registerState() {
        Gauge.builder("spikestream.state.memory", this, m -> m.segmenterMetrics().state().bytes())
                .baseUnit(BaseUnits.BYTES).description("Per-camera state held on the inference device")
                .register(registry);
        Gauge.builder("spikestream.state.cameras", this, m -> m.segmenterMetrics().cameras())
                .description("Cameras whose state is held").register(registry);
        for (ResetReason r : ResetReason.values()) {
            stateCounter("spikestream.state.resets", m -> m.resets().getOrDefault(r.name(), 0L))
                    .tag("reason", r.name()).description("Frames that started from fresh state, by reason")
                    .register(registry);
        }
        stateCounter("spikestream.state.evictions", SegmenterMetrics::evictions)
                .description("Camera states dropped to stay within state.max.cameras").register(registry);
    }

    private FunctionCounter.Builder<InferenceMeters> stateCounter(String name,
            ToDoubleFunction<SegmenterMetrics> value) {
        return FunctionCounter.builder(name, this, m -> value.applyAsDouble(m.segmenterMetrics()));
    }

    private SegmenterMetrics segmenterMetrics() {
        Segmenter s = segmenter;
        return s == null ? NO_SEGMENTER : s.metrics();
    }

    /**
     * Reads the state meters from a segmenter and times its forward passes.
     *
     * @param opened the stage's segmenter
     */
    public void bindSegmenter(Segmenter opened) {
        segmenter = opened;
        opened.setBatchListener(this);
    }

    /**
     * Binds Micrometer's Kafka Streams meters ({@code kafka.*}, consumer lag among them) of the stage's client,
     * labelled {@code stage=infer}, until {@link #close()}.
     *
     * @param streams the stage's Kafka Streams client
     */
    public synchronized void bindStreams(KafkaStreams streams) {
        streamsMeters = KafkaMeters.bindStreams(registry, STAGE, streams);
    }

    @Override
    public void segmented(String cameraId, SegmentationOutput out, long totalMicros) {
        String camera = cameras.of(cameraId);
        processed.computeIfAbsent(camera, this::registerCamera).increment();
        rates.record(camera);
        inference.record(totalMicros, TimeUnit.MICROSECONDS);
        recomputed.record(out.recomputedFraction());
        recordMeasured(firingRate, out.meanFiringRate());
        recordMeasured(energy, out.energyMillijoules() / 1000); // Prometheus wants base units: joules
    }

    private Counter registerCamera(String camera) {
        Gauge.builder("spikestream.camera.frames.per.second", rates, r -> r.perSecond(camera))
                .tag(CameraTags.KEY, camera).description("Frames segmented per second over the last 10 s")
                .register(registry);
        return Counter.builder("spikestream.frames.processed").tag(CameraTags.KEY, camera)
                .description("Frames segmented (a result with a mask)").register(registry);
    }

    private static void recordMeasured(DistributionSummary summary, double value) {
        if (!Double.isNaN(value)) {
            summary.record(value);
        }
    }

    @Override
    public void skipped(String cameraId, SkipReason reason) {
        skipped.computeIfAbsent(new Skip(cameras.of(cameraId), reason), s -> Counter
                .builder("spikestream.frames.skipped").tag(CameraTags.KEY, s.camera()).tag("reason", s.reason().name())
                .description("Live frames skipped instead of segmented").register(registry)).increment();
    }

    @Override
    public void batchDone(int frames, long forwardNanos) {
        forward.record(forwardNanos, TimeUnit.NANOSECONDS);
        batchSize.record(frames);
    }

    /** Unbinds the Kafka Streams meters; the stage's own meters stay with their last values. */
    @Override
    public synchronized void close() {
        if (streamsMeters != null) {
            streamsMeters.close();
            streamsMeters = null;
        }
    }

    private record Skip(String camera, SkipReason reason) {}
}
