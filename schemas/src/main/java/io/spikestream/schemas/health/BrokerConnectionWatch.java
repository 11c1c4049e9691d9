package io.spikestream.schemas.health;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports a stage's outages: watches the {@code connection-count} metrics of its busy Kafka clients (a
 * producer, or the consumers and producers of a Kafka Streams instance's stream threads) and logs a WARN when,
 * after having been connected, none of them holds a connection for two checks in a row, and an INFO with the
 * outage's length once one is connected again. The clients retry by themselves; this only makes the outage
 * visible in the stage's log.
 *
 * <p>Only clients that do network I/O all the time count: an idle one (a Streams restore consumer between
 * restorations) notices a lost connection only when it next uses it, so its count can stay above zero through
 * a whole outage.
 */
public final class BrokerConnectionWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerConnectionWatch.class);

    /** How often {@link #start} checks the metrics. */
    public static final Duration INTERVAL = Duration.ofMillis(500);

    /** The clients of a Kafka Streams instance's stream threads: their main consumers and producers. */
    public static final Predicate<String> STREAM_THREAD_CLIENTS =
            Pattern.compile(".*-StreamThread-\\d+-(consumer|producer)").asMatchPredicate();

    /** Every client whose metrics are watched. */
    public static final Predicate<String> ALL_CLIENTS = id -> true;

    private static final String METRIC = "connection-count";
    private static final int CHECKS_BEFORE_WARNING = 2;

    private final String stage;
    private final String bootstrap;
    private final Supplier<? extends Map<MetricName, ? extends Metric>> metrics;
    private final Predicate<String> clients;
    private final LongSupplier nanos;
    private ScheduledExecutorService timer;
    private boolean connectedOnce;
    private int idleChecks;
    private long idleSince;
    private long downSince = -1;
    private int outages;

    /**
     * A watch checked by the caller ({@link #check()}); {@link #start} checks on a timer.
     *
     * @param stage the stage, as log lines name it (e.g. {@code inference})
     * @param bootstrap the brokers, as log lines name them
     * @param metrics the clients' metrics
     * @param clients the {@code client-id}s that count ({@link #ALL_CLIENTS}, {@link #STREAM_THREAD_CLIENTS})
     * @param nanos the clock
     */
    public BrokerConnectionWatch(String stage, String bootstrap,
            Supplier<? extends Map<MetricName, ? extends Metric>> metrics, Predicate<String> clients,
            LongSupplier nanos) {
        this.stage = stage;
        this.bootstrap = bootstrap;
        this.metrics = metrics;
        this.clients = clients;
        this.nanos = nanos;
    }

    /**
     * Starts a watch that checks every {@link #INTERVAL} on a daemon thread until {@link #close()}.
     *
     * @param stage the stage, as log lines name it
     * @param bootstrap the brokers, as log lines name them
     * @param metrics the clients' metrics
     * @param clients the {@code client-id}s that count
     * @return the running watch
     */
    public static BrokerConnectionWatch start(String stage, String bootstrap,
            Supplier<? extends Map<MetricName, ? extends Metric>> metrics, Predicate<String> clients) {
        BrokerConnectionWatch watch = new BrokerConnectionWatch(stage, bootstrap, metrics, clients, System::nanoTime);
        watch.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, stage + "-connection-watch");
            t.setDaemon(true);
            return t;
        });
        watch.timer.scheduleWithFixedDelay(watch::check, INTERVAL.toMillis(), INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return watch;
    }

    /** Reads the connection counts once and logs a change of state. */
    public synchronized void check() {
        if (connections() > 0) {
            reconnected();
        } else if (connectedOnce && downSince < 0) {
            idle();
        }
    }

    private void idle() {
        if (idleChecks++ == 0) {
            idleSince = nanos.getAsLong();
        }
        if (idleChecks >= CHECKS_BEFORE_WARNING) {
            downSince = idleSince;
            outages++;
            LOG.warn("{}: lost every connection to Kafka at {}; its clients keep retrying until it is back",
                    stage, bootstrap);
        }
    }

    private void reconnected() {
        if (downSince >= 0) {
            double seconds = (nanos.getAsLong() - downSince) / 1e9;
            LOG.info("{}: Kafka at {} reachable again after {} s without a connection; resuming", stage, bootstrap,
                    String.format(Locale.ROOT, "%.1f", seconds));
        }
        connectedOnce = true;
        idleChecks = 0;
        downSince = -1;
    }

    private double connections() {
        double sum = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : metrics.get().entrySet()) {
            if (METRIC.equals(e.getKey().name()) && clients.test(e.getKey().tags().getOrDefault("client-id", ""))
                    && e.getValue().metricValue() instanceof Number n) {
                sum += n.doubleValue();
            }
        }
        return sum;
    }

    /**
     * Whether Kafka is reachable, for readiness checks: true once a watched client has held a connection, and
     * false again while an outage is being reported ({@link #isDown()}). False before the first check that finds a
     * connection.
     */
    public synchronized boolean connected() {
        return connectedOnce && downSince < 0;
    }

    /** True while an outage is being reported. */
    public synchronized boolean isDown() {
        return downSince >= 0;
    }

    /** When the current outage began ({@code nanos} clock), or -1 while connected. */
    public synchronized long downSince() {
        return downSince;
    }

    /** Outages reported so far. */
    public synchronized int outages() {
        return outages;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
