package io.spikestream.ingest.service;

import io.micrometer.core.instrument.MeterRegistry;
import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.publish.FramePublisher;
import io.spikestream.ingest.publish.ProducerFactory;
import io.spikestream.ingest.publish.PublishException;
import io.spikestream.ingest.publish.SequenceOrigin;
import io.spikestream.ingest.publish.TopicSequenceOrigin;
import io.spikestream.ingest.source.FrameSource;
import io.spikestream.ingest.source.FrameSources;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.health.BrokerConnectionWatch;
import io.spikestream.schemas.metrics.CameraTags;
import io.spikestream.schemas.metrics.StageMeters;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.common.errors.InterruptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one source to the frames topic: source, pacing, encoding and {@link FramePublisher} on a thread
 * of its own ({@code ingest-<camera>}).
 *
 * <p>{@link #start()} opens the source, creates the frames topic if missing (with {@code max.message.bytes}) and
 * the producer, failing fast on bad input or unreachable brokers. The run ends when the source ends (unless
 * looping), after {@code max.frames}, on {@link #close()} or on the first failure (a source that gives up, a
 * frame too large, a send that failed, the camera's numbering not found in the topic): all are reported to the
 * {@link IngestListener} and by {@link #failure()}. Every way out flushes the producer, so every frame handed to
 * it is delivered or counted as failed. The camera's first frame continues its numbering in the topic
 * ({@link TopicSequenceOrigin}) unless {@code sequence.start} is set.
 *
 * <p>Monitoring: {@link Builder#optMeterRegistry} registers the stage's meters; {@link #isRunning()} and
 * {@link #kafkaConnected()} say whether it is ready.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);

    private final IngestConfig config;
    private final ProducerFactory producerFactory;
    private final TopicCreator topicCreator;
    private final SequenceOrigin sequenceOrigin;
    private final IngestListener listener;
    private final LongSupplier nanos;
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object interruptLock = new Object();
    private boolean interruptible;
    private volatile boolean stopping;
    private volatile IngestProgress progress = IngestProgress.initial(OptionalLong.empty());
    private volatile Throwable failure;
    private volatile Thread worker;
    private FramePublisher publisher;
    private volatile BrokerConnectionWatch connectionWatch;
    private IngestRun run;
    private IngestMeters meters;

    private IngestService(Builder b) {
        this.config = b.config;
        this.producerFactory = b.producerFactory;
        this.topicCreator = b.topicCreator != null ? b.topicCreator : defaultTopicCreator(b.config);
        this.sequenceOrigin = b.sequenceOrigin != null ? b.sequenceOrigin : defaultSequenceOrigin(b.config);
        this.listener = b.listener;
        this.nanos = b.nanos;
    }

    public static Builder builder(IngestConfig config) {
        return new Builder(config);
    }

    private static TopicCreator defaultTopicCreator(IngestConfig config) {
        return config.createTopics() ? new AdminTopicCreator(config.adminConfigs(), config.topicPartitions(),
                config.topicReplicationFactor(), config.closeTimeout()) : TopicCreator.NONE;
    }

    private static SequenceOrigin defaultSequenceOrigin(IngestConfig config) {
        return config.sequenceStart().isPresent() ? SequenceOrigin.fixed(config.sequenceStart().getAsLong())
                : new TopicSequenceOrigin(config.consumerConfigs(), config.topics().frames(), config.serdes(),
                        config.sequenceLookupTimeout());
    }

    /**
     * Opens the source, ensures the frames topic and starts publishing.
     *
     * @throws IOException when the source cannot be opened or the topic cannot be created
     * @throws IllegalArgumentException when the source is not supported
     * @throws IllegalStateException when already started
     */
    public synchronized void start() throws IOException {
        if (worker != null) {
            throw new IllegalStateException("IngestService already started");
        }
        FrameSource source = FrameSources.open(config.source(), config.sourceOptions());
        try {
            Topics topics = config.topics();
            topicCreator.ensureExists(topics.frames());
            publisher = FramePublisher.builder().setBootstrapServers(config.bootstrapServers())
                    .optTopic(topics.frames()).optCompression(config.compressionType())
                    .optClientId("spikestream-ingest-" + config.cameraId()).optProducerConfigs(config.producerOverrides())
                    .optSerdes(config.serdes()).optProducerFactory(producerFactory)
                    .optCloseTimeout(config.closeTimeout()).setSequenceOrigin(sequenceOrigin)
                    .optDelivery(config.delivery().frameDelivery()).build();
            run = new IngestRun(config, source, publisher, this::reported, nanos);
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
        progress = IngestProgress.initial(run.total());
        LOG.info("Publishing {} as camera '{}' to {} ({}, {} delivery)", source.description(), config.cameraId(),
                publisher.topic().name(), config.pacing(), config.delivery());
        connectionWatch = BrokerConnectionWatch.start("ingest " + config.cameraId(), config.bootstrapServers(),
                publisher::metrics, BrokerConnectionWatch.ALL_CLIENTS);
        if (meters != null) {
            meters.bindProducer(publisher);
        }
        worker = new Thread(this::work, "ingest-" + config.cameraId());
        worker.start();
    }

    private void reported(IngestProgress report) {
        progress = report;
        listener.onProgress(report);
    }

    private void work() {
        Throwable error = null;
        try {
            setInterruptible(true);
            run.run(() -> stopping);
        } catch (InterruptedIOException | InterruptException e) {
            error = stopping ? null : e;
        } catch (IOException | RuntimeException e) {
            error = e;
        } finally {
            setInterruptible(false);
            error = closeAll(error);
            finish(error);
        }
    }

    private void setInterruptible(boolean value) {
        synchronized (interruptLock) {
            interruptible = value;
            if (!value) {
                Thread.interrupted();
            }
        }
    }

    private Throwable closeAll(Throwable error) {
        try {
            run.closeSource();
        } catch (IOException e) {
            LOG.warn("{}: error while closing the source: {}", config.cameraId(), e.getMessage());
        }
        try {
            publisher.close();
        } catch (PublishException | InterruptException e) {
            if (error == null) {
                return e;
            }
            LOG.debug("{}: closing the producer after a failure: {}", config.cameraId(), e.getMessage());
        } finally {
            connectionWatch.close();
            if (meters != null) {
                meters.closeProducer();
            }
        }
        return error;
    }

    private void finish(Throwable error) {
        failure = error;
        progress = run.finalProgress();
        if (error != null) {
            LOG.error("{}: ingest failed after {} frames: {}", config.cameraId(), progress.framesSent(),
                    error.getMessage());
        } else {
            LOG.info("{}: ingest finished: {} frames sent, {} dropped", config.cameraId(), progress.framesSent(),
                    progress.framesDropped());
        }
        try {
            listener.onFinished(progress, Optional.ofNullable(error));
        } finally {
            done.countDown();
        }
    }

    /**
     * Waits for the run to end.
     *
     * @return whether it ended within {@code timeout}
     */
    public boolean awaitCompletion(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Whether the run has started and not yet ended. */
    public boolean isRunning() {
        return worker != null && done.getCount() > 0;
    }

    /**
     * Whether Kafka is reachable: the producer holds a broker connection and no outage is being reported (see
     * {@link BrokerConnectionWatch#connected()}); false before {@link #start()}, frozen once the run ended.
     */
    public boolean kafkaConnected() {
        BrokerConnectionWatch watch = connectionWatch;
        return watch != null && watch.connected();
    }

    /** The failure that ended the run, if any (empty while running and after a clean end). */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The latest progress snapshot (counters as of the last report; final once the run ended). */
    public IngestProgress progress() {
        return progress;
    }

    /**
     * Stops publishing and waits up to {@code close.timeout.ms} for the publishing thread, which flushes and
     * closes the producer. Idempotent.
     */
    @Override
    public void close() {
        stopping = true;
        Thread w;
        synchronized (this) {
            w = worker;
        }
        if (w == null) {
            return;
        }
        synchronized (interruptLock) {
            if (interruptible) {
                w.interrupt();
            }
        }
        try {
            if (!done.await(config.closeTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("{}: publishing thread still running after {}", config.cameraId(), config.closeTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Builder: the config is required; the rest defaults to real Kafka clients and no listener. */
    public static final class Builder {

        private final IngestConfig config;
        private ProducerFactory producerFactory = ProducerFactory.KAFKA;
        private TopicCreator topicCreator;
        private SequenceOrigin sequenceOrigin;
        private IngestListener listener = IngestListener.NONE;
        private LongSupplier nanos = System::nanoTime;
        private MeterRegistry meterRegistry;

        private Builder(IngestConfig config) {
            if (config == null) {
                throw new IllegalArgumentException("IngestService needs an IngestConfig");
            }
            this.config = config;
        }

        /** Creates the producer (default: a {@code KafkaProducer}; tests pass a {@code MockProducer}). */
        public Builder optProducerFactory(ProducerFactory factory) {
            this.producerFactory = factory;
            return this;
        }

        /**
         * Where the camera's numbering starts (default: {@code sequence.start} when set, else after the highest
         * sequence the frames topic holds for the camera).
         */
        public Builder optSequenceOrigin(SequenceOrigin origin) {
            this.sequenceOrigin = origin;
            return this;
        }

        /** Ensures the frames topic (default: Kafka's admin client when {@code topics.create}, else nothing). */
        public Builder optTopicCreator(TopicCreator creator) {
            this.topicCreator = creator;
            return this;
        }

        public Builder optListener(IngestListener progressListener) {
            this.listener = progressListener;
            return this;
        }

        /** Monotonic clock in ns for rates and report intervals (default {@link System#nanoTime()}). */
        public Builder optNanoClock(LongSupplier clock) {
            this.nanos = clock;
            return this;
        }

        /**
         * Registers the stage's meters on {@code registry} (default: none): frames published, frames dropped and
         * reconnects labelled with the camera ({@code metrics.cameras.max} bounds the label), read from
         * {@link IngestService#progress()}, and, while the run lasts, Micrometer's meters of its producer labelled
         * {@code stage=ingest}. The stage's own meters stay after the run with their final values; one service per
         * camera id and registry.
         *
         * @throws IllegalStateException when a registry is set already
         */
        public Builder optMeterRegistry(MeterRegistry registry) {
            StageMeters.checkBindable("Ingest service", meterRegistry != null, false);
            this.meterRegistry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        public IngestService build() {
            IngestService service = new IngestService(this);
            if (meterRegistry != null) {
                service.meters = IngestMeters.bind(meterRegistry, new CameraTags(config.metricsCamerasMax()),
                        config.cameraId(), service);
            }
            return service;
        }
    }
}
