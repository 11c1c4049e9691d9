package io.spikestream.schemas.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One of Micrometer's Kafka binders ({@code KafkaClientMetrics}, {@code KafkaStreamsMetrics}) bound until
 * {@link #close()}, which removes its meters. The binder looks for new Kafka metrics (a partition's lag once it is
 * assigned) every {@link #REFRESH} on a daemon thread of its own, instead of Micrometer's default minute.
 */
public final class KafkaMeters implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaMeters.class);

    /** How often the binder looks for new Kafka metrics. */
    public static final Duration REFRESH = Duration.ofSeconds(10);

    private final ScheduledExecutorService scheduler;
    private final AutoCloseable binder;

    private KafkaMeters(ScheduledExecutorService scheduler, AutoCloseable binder) {
        this.scheduler = scheduler;
        this.binder = binder;
    }

    /**
     * Creates a binder on a scheduler of its own and binds it.
     *
     * @param registry where to register
     * @param thread the scheduler thread's name
     * @param binder creates the binder from the scheduler (pass {@link #REFRESH} as its refresh interval)
     * @param <B> the binder's type
     * @return the bound binder
     */
    public static <B extends MeterBinder & AutoCloseable> KafkaMeters bind(MeterRegistry registry, String thread,
            Function<ScheduledExecutorService, B> binder) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, thread);
            t.setDaemon(true);
            return t;
        });
        B b = binder.apply(scheduler);
        b.bindTo(registry);
        return new KafkaMeters(scheduler, b);
    }

    /**
     * Binds Micrometer's Kafka Streams meters of a stage's client ({@code kafka.*}, consumer lag among them),
     * labelled with the stage.
     *
     * @param registry where to register
     * @param stage the stage's name, the {@code stage} label
     * @param streams the stage's Kafka Streams client
     * @return the bound meters
     */
    public static KafkaMeters bindStreams(MeterRegistry registry, String stage, KafkaStreams streams) {
        return bind(registry, stage + "-kafka-meters", scheduler -> new KafkaStreamsMetrics(streams,
                StageMeters.stage(stage), scheduler, REFRESH));
    }

    /** Removes the binder's meters and stops its scheduler. */
    @Override
    public void close() {
        try {
            binder.close();
        } catch (Exception e) {
            LOG.warn("Could not close the Kafka meters: {}", e.toString());
        } finally {
            scheduler.shutdownNow();
        }
    }
}
