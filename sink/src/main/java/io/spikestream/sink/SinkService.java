package io.spikestream.sink;

import io.micrometer.core.instrument.MeterRegistry;
import io.spikestream.schemas.TopicSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.health.BrokerConnectionWatch;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.StageMeters;
import io.spikestream.sink.eval.Evaluation;
import io.spikestream.sink.live.LivePage;
import io.spikestream.sink.replay.OutputConflictException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sink stage: creates missing topics (frames, results, statistics and the result dead-letter topic), runs
 * the {@link SinkTopology} and, on {@link #close()}, stops
 * Streams, flushes and closes the CSV files and writes the evaluation files. While running, the evaluation
 * files are rewritten every {@code evaluation.interval.ms}. Counters are in {@link #metrics()}.
 *
 * <p>An uncaught error in a stream thread (e.g. the disk is full) shuts the Streams client down; the state
 * then becomes ERROR / NOT_RUNNING and {@link #state()} shows it.
 *
 * <p>Monitoring: {@link #bindMetrics} before {@link #start()} registers the stage's meters; {@link #state()} and
 * {@link #kafkaConnected()} say whether it is ready.
 */
public final class SinkService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkService.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final SinkConfig config;
    private final SinkMetrics metrics = new SinkMetrics();
    private final SinkWriter writer;
    private SinkMeters meters;
    private volatile BooleanSupplier kafkaConnected = () -> false;
    private KafkaStreams streams;
    private BrokerConnectionWatch connectionWatch;
    private ScheduledExecutorService evaluationTimer;
    private LivePage livePage;
    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private boolean closed;

    /**
     * A service with the system clock.
     *
     * @throws IOException when the output folder's evaluation ledger cannot be read
     */
    public SinkService(SinkConfig config) throws IOException {
        this(config, System::currentTimeMillis);
    }

    /**
     * A service whose end-to-end latency uses {@code clock} (ms since the epoch).
     *
     * @throws IOException when the output folder's evaluation ledger cannot be read
     */
    public SinkService(SinkConfig config, LongSupplier clock) throws IOException {
        this.config = config;
        this.writer = SinkWriter.from(config, metrics, clock);
    }

    /**
     * Creates missing topics, starts Streams and waits until it is RUNNING.
     *
     * @throws TimeoutException if RUNNING is not reached within {@code startup.timeout.ms}
     * @throws IllegalStateException if Streams fails while starting
     */
    public synchronized void start() throws InterruptedException, TimeoutException, ExecutionException {
        if (streams != null) {
            throw new IllegalStateException("the sink is already started");
        }
        createMissingTopics();
        StreamsBuilder builder = new StreamsBuilder();
        SinkTopology.build(builder, config, writer);
        Properties props = new Properties();
        props.putAll(config.streamsProperties(metrics));
        streams = new KafkaStreams(builder.build(props), props);
        if (meters != null) {
            meters.bindStreams(streams);
        }
        streams.setUncaughtExceptionHandler(e -> {
            if (rootCause(e) instanceof OutputConflictException conflict) {
                LOG.error("Sink stopped: {}", conflict.getMessage());
            } else {
                LOG.error("Sink stream thread failed; shutting the sink down", e);
            }
            failure.complete(e);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        CountDownLatch settled = new CountDownLatch(1);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR
                    || now == KafkaStreams.State.PENDING_ERROR) {
                settled.countDown();
            }
        });
        streams.start();
        connectionWatch = BrokerConnectionWatch.start("sink", config.getString(SinkConfig.BOOTSTRAP_SERVERS_CONFIG),
                streams::metrics, BrokerConnectionWatch.STREAM_THREAD_CLIENTS);
        kafkaConnected = connectionWatch::connected;
        awaitRunning(settled);
        scheduleEvaluation();
    }

    /** The Streams state, or CREATED before {@link #start()}. */
    public KafkaStreams.State state() {
        return streams == null ? KafkaStreams.State.CREATED : streams.state();
    }

    /**
     * Registers the stage's meters ({@code spikestream.sink.*}, the end-to-end latency, the dead letters labelled
     * {@code stage=sink} and, once started, Micrometer's Kafka Streams meters) on {@code registry}; the Kafka meters
     * are removed on {@link #close()}, the stage's own stay with their last values. Without it the stage records
     * no meters.
     *
     * @param registry where to register
     * @throws IllegalStateException when bound already or started
     */
    public synchronized void bindMetrics(MeterRegistry registry) {
        StageMeters.checkBindable("Sink service", meters != null, streams != null || closed);
        CameraTags cameras = new CameraTags(config.getInt(SinkConfig.METRICS_CAMERAS_MAX_CONFIG));
        meters = SinkMeters.bind(registry, cameras, metrics);
    }

    /**
     * Whether Kafka is reachable: a stream thread's consumer or producer holds a broker connection and no outage is
     * being reported (see {@link BrokerConnectionWatch#connected()}); false before {@link #start()}.
     */
    public boolean kafkaConnected() {
        return kafkaConnected.getAsBoolean();
    }

    /**
     * Completes with the exception that stopped the sink's stream threads (the sink then shuts down); never
     * completes while the sink runs well.
     */
    public CompletableFuture<Throwable> failure() {
        return failure;
    }

    /** The innermost cause of {@code e}. */
    public static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The counters. */
    public SinkMetrics metrics() {
        return metrics;
    }

    /** The confusion matrices, or null when evaluation is off. */
    public Evaluation evaluation() {
        return writer.evaluation();
    }

    /**
     * The live page of the cameras this sink writes, to mount at context {@code "/"} of an HTTP server (it
     * answers every path but those the server routes elsewhere); the same page on every call. It outlives the
     * sink, showing the last state after {@link #close()} (the demo's {@code --linger}): whoever serves it closes
     * it, which ends its event streams. See {@link LivePage} for the routes.
     */
    public synchronized LivePage livePage() {
        if (livePage == null) {
            livePage = new LivePage(writer.live());
        }
        return livePage;
    }

    /** Stops Streams, then flushes and closes the CSV files and writes the evaluation files; once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (evaluationTimer != null) {
            evaluationTimer.shutdownNow();
        }
        if (connectionWatch != null) {
            connectionWatch.close();
        }
        if (streams != null) {
            streams.close(CLOSE_TIMEOUT);
        }
        if (meters != null) {
            meters.close();
        }
        try {
            writer.close();
        } catch (IOException e) {
            metrics.writeFailed(e);
            LOG.error("Could not flush the sink files under {}", config.outputDir(), e);
        }
        LOG.info("Sink stopped: {} results written, {} skipped by inference {} (row only, no mask), {} replayed"
                + " (already in the output, not written again), {} dead letters to {} {}", metrics.resultsWritten(),
                metrics.resultsSkipped(), metrics.skippedByReason(), metrics.resultsReplayed(),
                metrics.deadLetters(), config.topics().resultDeadLetters().name(), metrics.deadLettersByRejection());
    }

    private void awaitRunning(CountDownLatch settled) throws InterruptedException, TimeoutException {
        long timeoutMs = config.getLong(SinkConfig.STARTUP_TIMEOUT_MS_CONFIG);
        boolean done = settled.await(timeoutMs, TimeUnit.MILLISECONDS);
        KafkaStreams.State state = streams.state();
        if (state == KafkaStreams.State.RUNNING) {
            return;
        }
        if (!done) {
            throw new TimeoutException("the sink did not reach RUNNING within " + timeoutMs + " ms (state " + state
                    + "): check bootstrap.servers and that the brokers are up, or raise "
                    + SinkConfig.STARTUP_TIMEOUT_MS_CONFIG);
        }
        throw new IllegalStateException("the sink failed while starting (state " + state + "); see the log");
    }

    private void createMissingTopics() throws InterruptedException, ExecutionException {
        Topics topics = config.topics();
        try (Admin admin = Admin.create(config.adminProperties())) {
            Set<String> existing = admin.listTopics().names().get();
            List<NewTopic> missing = new ArrayList<>();
            for (TopicSpec<?> spec : List.of(topics.frames(), topics.results(), topics.stats(),
                    topics.resultDeadLetters())) {
                if (!existing.contains(spec.name())) {
                    missing.add(newTopic(spec));
                }
            }
            for (var result : admin.createTopics(missing).values().entrySet()) {
                createdOrExists(result.getKey(), result.getValue());
            }
        }
    }

    private NewTopic newTopic(TopicSpec<?> spec) {
        int partitions = config.getInt(SinkConfig.TOPIC_PARTITIONS_CONFIG);
        int replication = config.getInt(SinkConfig.TOPIC_REPLICATION_CONFIG);
        return new NewTopic(spec.name(), partitions < 0 ? Optional.empty() : Optional.of(partitions),
                replication < 0 ? Optional.empty() : Optional.of((short) replication))
                .configs(spec.topicConfigs());
    }

    private static void createdOrExists(String topic, org.apache.kafka.common.KafkaFuture<Void> future)
            throws InterruptedException, ExecutionException {
        try {
            future.get();
            LOG.info("Created topic {}", topic);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private void scheduleEvaluation() {
        long interval = config.getLong(SinkConfig.EVALUATION_INTERVAL_MS_CONFIG);
        if (writer.evaluation() == null || interval == 0) {
            return;
        }
        evaluationTimer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sink-evaluation-writer");
            t.setDaemon(true);
            return t;
        });
        evaluationTimer.scheduleAtFixedRate(this::writeEvaluationQuietly, interval, interval,
                TimeUnit.MILLISECONDS);
    }

    private void writeEvaluationQuietly() {
        try {
            writer.writeEvaluation();
        } catch (IOException | RuntimeException e) {
            if (e instanceof IOException io) {
                metrics.writeFailed(io);
            }
            LOG.warn("Could not write the evaluation files under {}", config.outputDir(), e);
        }
    }
}
