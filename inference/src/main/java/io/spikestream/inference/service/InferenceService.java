package io.spikestream.inference.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.spikestream.inference.runtime.BatchingSegmenter;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.inference.stream.SegmentationTopology;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.health.BrokerConnectionWatch;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.StageMeters;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inference stage: creates missing topics, loads the model into a batching segmenter, runs the
 * {@link SegmentationTopology} in Kafka Streams. An exception escaping a stream thread (a model or
 * engine failure; bad frames never escape) shuts the client down: it is logged and kept in
 * {@link #failure()}.
 *
 * <p>Monitoring: {@link #bindMetrics} before {@link #start()} registers the stage's meters; {@link #state()},
 * {@link #kafkaConnected()} and {@link #modelLoaded()} say whether it is ready.
 */
public final class InferenceService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InferenceService.class);

    private final InferenceConfig config;
    private final SegmenterFactory factory;
    private final InferenceMetrics metrics = new InferenceMetrics();
    private final CountDownLatch running = new CountDownLatch(1);
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private volatile Segmenter segmenter;
    private volatile KafkaStreams streams;
    private volatile BrokerConnectionWatch connectionWatch;
    private InferenceMeters meters;
    private boolean started;

    /**
     * A service that runs the configured model in a {@link BatchingSegmenter}.
     *
     * @param config the settings
     */
    public InferenceService(InferenceConfig config) {
        this(config, c -> BatchingSegmenter.open(c.model(), c.batching()));
    }

    /**
     * A service with another segmenter (tests, other engines).
     *
     * @param config the settings
     * @param factory opens the segmenter at start
     */
    public InferenceService(InferenceConfig config, SegmenterFactory factory) {
        this.config = config;
        this.factory = factory;
    }

    /**
     * Creates topics, loads the model, starts the streams and waits until they run.
     *
     * @throws IOException when the model cannot be read
     * @throws InterruptedException when interrupted while waiting
     * @throws IllegalStateException when the streams fail or are not running within {@code startup.timeout.ms}
     */
    public synchronized void start() throws IOException, InterruptedException {
        if (started) {
            throw new IllegalStateException("Inference service already started");
        }
        started = true;
        Topics topics = config.topics();
        if (config.getBoolean(InferenceConfig.TOPICS_CREATE_CONFIG)) {
            try (Admin admin = Admin.create(config.adminProperties())) {
                TopicCreator.createMissing(admin, List.of(topics.frames(), topics.results(), topics.deadLetters()),
                        config.getInt(InferenceConfig.TOPICS_PARTITIONS_CONFIG),
                        config.getShort(InferenceConfig.TOPICS_REPLICATION_FACTOR_CONFIG));
            }
        }
        segmenter = factory.open(config);
        streams = new KafkaStreams(topology(), config.streamsProperties(metrics));
        if (meters != null) {
            meters.bindSegmenter(segmenter);
            meters.bindStreams(streams);
        }
        streams.setUncaughtExceptionHandler(this::onUncaught);
        streams.setStateListener((now, before) -> onState(now));
        streams.start();
        connectionWatch = BrokerConnectionWatch.start("inference",
                config.getString(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG), streams::metrics,
                BrokerConnectionWatch.STREAM_THREAD_CLIENTS);
        awaitRunning(config.getLong(InferenceConfig.STARTUP_TIMEOUT_MS_CONFIG));
    }

    /**
     * Registers the stage's meters ({@code spikestream.*} labelled {@code stage=infer} where stages share a name,
     * and, once started, Micrometer's Kafka Streams meters) on {@code registry}; the Kafka meters are removed on
     * {@link #close()}, the stage's own stay with their last values. Without it the stage records no meters.
     *
     * @param registry where to register
     * @throws IllegalStateException when bound already or started
     */
    public synchronized void bindMetrics(MeterRegistry registry) {
        StageMeters.checkBindable("Inference service", meters != null, started);
        CameraTags cameras = new CameraTags(config.getInt(InferenceConfig.METRICS_CAMERAS_MAX_CONFIG));
        meters = InferenceMeters.bind(registry, cameras, metrics);
    }

    /** The topology this service runs (also for {@code describe()}). */
    Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        SegmentationTopology.build(builder, config.topologySettings(), segmenter, metrics);
        return builder.build();
    }

    private StreamThreadExceptionResponse onUncaught(Throwable e) {
        failure.complete(e);
        LOG.error("Inference stream failed; shutting the client down", e);
        return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void onState(KafkaStreams.State now) {
        LOG.info("Inference streams {}", now);
        if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                || now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.PENDING_SHUTDOWN) {
            running.countDown();
        }
    }

    private void awaitRunning(long timeoutMillis) throws InterruptedException {
        boolean settled = running.await(timeoutMillis, TimeUnit.MILLISECONDS);
        if (!settled || streams.state() != KafkaStreams.State.RUNNING) {
            String why = !settled ? "not RUNNING after " + timeoutMillis + " ms (check bootstrap.servers and the"
                    + " frames topic)" : "stopped in state " + streams.state();
            close();
            throw new IllegalStateException("Inference streams " + why, failure.getNow(null));
        }
    }

    /**
     * Whether Kafka is reachable: a stream thread's consumer or producer holds a broker connection and no outage is
     * being reported (see {@link BrokerConnectionWatch#connected()}); false before {@link #start()}.
     */
    public boolean kafkaConnected() {
        BrokerConnectionWatch watch = connectionWatch;
        return watch != null && watch.connected();
    }

    /** Whether the model is loaded: true from the segmenter's opening in {@link #start()} until {@link #close()}. */
    public boolean modelLoaded() {
        return segmenter != null;
    }

    /** The streams state, or null before {@link #start()}. */
    public KafkaStreams.State state() {
        KafkaStreams s = streams;
        return s == null ? null : s.state();
    }

    /** Frames, results, skipped frames, dead letters and timings. */
    public InferenceMetrics metrics() {
        return metrics;
    }

    /** Batches, resets, evictions of the segmenter, or null before {@link #start()}. */
    public SegmenterMetrics segmenterMetrics() {
        return segmenter == null ? null : segmenter.metrics();
    }

    /**
     * Completes with the exception that stopped the streams (the client then shuts down); never completes
     * while inference runs well.
     */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    /** Stops the streams (committing what was processed), then the segmenter and the model. */
    @Override
    public synchronized void close() {
        if (connectionWatch != null) {
            connectionWatch.close();
        }
        if (streams != null) {
            streams.close(Duration.ofSeconds(60));
            streams = null;
        }
        if (meters != null) {
            meters.close();
        }
        if (segmenter != null) {
            LOG.info("Inference at close: {}", metrics);
            LOG.info("Segmenter at close: {}", segmenter.metrics());
            segmenter.close();
            segmenter = null;
        }
    }
}
