package io.spikestream.sink;

import io.spikestream.schemas.RunStateDirectory;
import io.spikestream.schemas.SchemasConfig;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.spikestream.schemas.deadletter.DeadLetterSink;
import io.spikestream.schemas.metrics.CameraTags;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the sink stage ({@code spikestream sink}). Topic names and value encoding come from
 * {@link SchemasConfig}; Kafka Streams settings pass through with the {@value #KAFKA_PREFIX} prefix (e.g.
 * {@code kafka.num.stream.threads=2}).
 */
public final class SinkConfig extends AbstractConfig {

    /** Prefix of Kafka Streams / client settings passed through unchanged. */
    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, e.g. localhost:9092.";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC =
            "Kafka Streams application id: consumer group, prefix of internal topics and state directory.";

    public static final String OUTPUT_DIR_CONFIG = "output.dir";
    private static final String OUTPUT_DIR_DOC = "Root directory of masks, overlays, per-camera stats.csv and "
            + "evaluation files (created if missing).";

    public static final String OVERLAY_ALPHA_CONFIG = "overlay.alpha";
    private static final String OVERLAY_ALPHA_DOC =
            "Opacity of the Cityscapes-coloured mask blended on the frame: 0 = frame only, 1 = colours only.";

    public static final String OVERLAY_FORMAT_CONFIG = "overlay.format";
    private static final String OVERLAY_FORMAT_DOC =
            "Overlay image format: jpg, png, or none (no overlays; frames are then read only for evaluation).";

    public static final String JOIN_WINDOW_MS_CONFIG = "join.window.ms";
    private static final String JOIN_WINDOW_MS_DOC = "How far apart (capture time) a frame and its result may be "
            + "to be joined for the overlay; frames are kept this long in the join store.";

    public static final String STATS_WINDOW_MS_CONFIG = "stats.window.ms";
    private static final String STATS_WINDOW_MS_DOC =
            "Size of the tumbling per-camera windows of the statistics topic.";

    public static final String STATS_GRACE_MS_CONFIG = "stats.grace.ms";
    private static final String STATS_GRACE_MS_DOC =
            "How long after its end a statistics window still accepts late results.";

    public static final String STATS_EMIT_CONFIG = "stats.emit";
    public static final String EMIT_ON_WINDOW_CLOSE = "window-close";
    public static final String EMIT_ON_UPDATE = "each-update";
    private static final String STATS_EMIT_DOC = "When window statistics are published: window-close (one final "
            + "record per window, after end + grace) or each-update (a record per change, subject to caching).";

    public static final String STATS_FORMAT_CONFIG = "stats.format";
    public static final String STATS_FORMAT_AVRO = "avro";
    public static final String STATS_FORMAT_JSON = "json";
    private static final String STATS_FORMAT_DOC = "Encoding of the statistics topic: avro (as the other topics: the"
            + " registry's wire format with schema.registry.url, else Avro single-object) or json (Avro's JSON"
            + " encoding of the same record, readable by kafka-ui, AKHQ, Redpanda Console and kcat without a"
            + " registry). Consumers of the topic must expect the format chosen.";

    public static final String EVALUATION_ENABLED_CONFIG = "evaluation.enabled";
    private static final String EVALUATION_ENABLED_DOC = "Accumulate confusion matrices against the frames' "
            + "ground truth (when present) and write evaluation.json / evaluation.csv.";

    public static final String EVALUATION_INTERVAL_MS_CONFIG = "evaluation.interval.ms";
    private static final String EVALUATION_INTERVAL_MS_DOC =
            "Also rewrite the evaluation files this often while running; 0 = only on close.";

    public static final String PROCESSING_GUARANTEE_CONFIG = "processing.guarantee";
    private static final String PROCESSING_GUARANTEE_DOC = "at_least_once or exactly_once_v2 (the stats "
            + "topic; files are idempotent per (camera, sequence) either way, see SinkTopology).";

    public static final String STATE_DIR_CONFIG = "state.dir";
    private static final String STATE_DIR_DOC = "Kafka Streams state directory; empty = one per process,"
            + " <tmp>/spikestream-state-<application.id>-<pid>, deleted on exit (the windowed statistics are restored"
            + " from their changelog topic).";

    public static final String STARTUP_TIMEOUT_MS_CONFIG = "startup.timeout.ms";
    private static final String STARTUP_TIMEOUT_MS_DOC = "How long start() waits for the RUNNING state.";

    public static final String TOPIC_PARTITIONS_CONFIG = "topics.create.partitions";
    private static final String TOPIC_PARTITIONS_DOC =
            "Partitions of topics the sink creates when missing; -1 = broker default.";

    public static final String TOPIC_REPLICATION_CONFIG = "topics.create.replication.factor";
    private static final String TOPIC_REPLICATION_DOC =
            "Replication factor of topics the sink creates when missing; -1 = broker default.";

    /** Most camera ids with a {@code camera} label value of their own on the stage's meters. */
    public static final String METRICS_CAMERAS_MAX_CONFIG = CameraTags.MAX_CONFIG;

    private static final List<String> OWNED_STREAMS_KEYS = List.of(BOOTSTRAP_SERVERS_CONFIG,
            APPLICATION_ID_CONFIG, PROCESSING_GUARANTEE_CONFIG, STATE_DIR_CONFIG);

    private static final ConfigDef CONFIG = define(CameraTags.define(SchemasConfig.define(new ConfigDef())));

    /** Parses and validates {@code originals}. */
    public SinkConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** A copy of the definition, e.g. to print with {@code toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef define(ConfigDef def) {
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
                .define(APPLICATION_ID_CONFIG, Type.STRING, "spikestream-sink", new NonEmptyString(),
                        Importance.HIGH, APPLICATION_ID_DOC)
                .define(OUTPUT_DIR_CONFIG, Type.STRING, "spikestream-out", new NonEmptyString(), Importance.HIGH,
                        OUTPUT_DIR_DOC)
                .define(OVERLAY_ALPHA_CONFIG, Type.DOUBLE, 0.5, Range.between(0.0, 1.0), Importance.MEDIUM,
                        OVERLAY_ALPHA_DOC)
                .define(OVERLAY_FORMAT_CONFIG, Type.STRING, "jpg", ValidString.in("jpg", "png", "none"),
                        Importance.MEDIUM, OVERLAY_FORMAT_DOC)
                .define(JOIN_WINDOW_MS_CONFIG, Type.LONG, 300_000L, Range.atLeast(1), Importance.MEDIUM,
                        JOIN_WINDOW_MS_DOC)
                .define(STATS_WINDOW_MS_CONFIG, Type.LONG, 10_000L, Range.atLeast(1), Importance.MEDIUM,
                        STATS_WINDOW_MS_DOC)
                .define(STATS_GRACE_MS_CONFIG, Type.LONG, 1_000L, Range.atLeast(0), Importance.LOW,
                        STATS_GRACE_MS_DOC)
                .define(STATS_EMIT_CONFIG, Type.STRING, EMIT_ON_WINDOW_CLOSE,
                        ValidString.in(EMIT_ON_WINDOW_CLOSE, EMIT_ON_UPDATE), Importance.LOW, STATS_EMIT_DOC)
                .define(STATS_FORMAT_CONFIG, Type.STRING, STATS_FORMAT_AVRO,
                        ValidString.in(STATS_FORMAT_AVRO, STATS_FORMAT_JSON), Importance.MEDIUM, STATS_FORMAT_DOC)
                .define(EVALUATION_ENABLED_CONFIG, Type.BOOLEAN, true, Importance.MEDIUM, EVALUATION_ENABLED_DOC)
                .define(EVALUATION_INTERVAL_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(0), Importance.LOW,
                        EVALUATION_INTERVAL_MS_DOC)
                .define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.AT_LEAST_ONCE,
                        ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2),
                        Importance.MEDIUM, PROCESSING_GUARANTEE_DOC)
                .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.LOW, STATE_DIR_DOC)
                .define(STARTUP_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                        STARTUP_TIMEOUT_MS_DOC)
                .define(TOPIC_PARTITIONS_CONFIG, Type.INT, -1, Range.atLeast(-1), Importance.LOW,
                        TOPIC_PARTITIONS_DOC)
                .define(TOPIC_REPLICATION_CONFIG, Type.INT, -1, Range.between(-1, Short.MAX_VALUE),
                        Importance.LOW, TOPIC_REPLICATION_DOC);
        return def;
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
        if (((String) parsed.get(BOOTSTRAP_SERVERS_CONFIG)).isBlank()) {
            throw new ConfigException(BOOTSTRAP_SERVERS_CONFIG + " is empty: set it to the broker list, e.g. "
                    + BOOTSTRAP_SERVERS_CONFIG + "=localhost:9092");
        }
        for (String key : OWNED_STREAMS_KEYS) {
            if (originals().containsKey(KAFKA_PREFIX + key)) {
                throw new ConfigException(KAFKA_PREFIX + key + " is not passed through: set " + key
                        + " instead");
            }
        }
        Path out = Path.of((String) parsed.get(OUTPUT_DIR_CONFIG));
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ConfigException(OUTPUT_DIR_CONFIG, out.toString(),
                    "exists and is not a directory: point output.dir at a directory (created if missing)");
        }
        return Map.of();
    }

    /** Topic names (with prefix and explicit names applied). */
    public Topics topics() {
        return Topics.from(new SchemasConfig(originals()));
    }

    /** Serdes: single-object encoding, or the Confluent wire format when a registry URL is set. */
    public SerdeFactory serdes() {
        return SerdeFactory.from(new SchemasConfig(originals()));
    }

    /** The output root. */
    public Path outputDir() {
        return Path.of(getString(OUTPUT_DIR_CONFIG));
    }

    /** {@link #JOIN_WINDOW_MS_CONFIG}. */
    public Duration joinWindow() {
        return Duration.ofMillis(getLong(JOIN_WINDOW_MS_CONFIG));
    }

    /** {@link #STATS_WINDOW_MS_CONFIG}. */
    public Duration statsWindow() {
        return Duration.ofMillis(getLong(STATS_WINDOW_MS_CONFIG));
    }

    /** {@link #STATS_GRACE_MS_CONFIG}. */
    public Duration statsGrace() {
        return Duration.ofMillis(getLong(STATS_GRACE_MS_CONFIG));
    }

    /** True if window statistics are published on every update rather than once at window close. */
    public boolean emitStatsOnUpdate() {
        return EMIT_ON_UPDATE.equals(getString(STATS_EMIT_CONFIG));
    }

    /** True if the statistics topic carries JSON ({@link #STATS_FORMAT_CONFIG}). */
    public boolean statsAsJson() {
        return STATS_FORMAT_JSON.equals(getString(STATS_FORMAT_CONFIG));
    }

    /** {@link #EVALUATION_ENABLED_CONFIG}. */
    public boolean evaluationEnabled() {
        return getBoolean(EVALUATION_ENABLED_CONFIG);
    }

    /**
     * The Kafka Streams properties: the sink's own settings, internal topics and clients sized for frames
     * (the join repartitions and stores whole frames), records Kafka cannot deserialize sent to the result
     * dead-letter topic, then every {@code kafka.*} setting.
     *
     * @param metrics counters the deserialization handler updates
     * @return the properties
     */
    public Map<String, Object> streamsProperties(SinkMetrics metrics) {
        Topics topics = topics();
        int frameBytes = topics.frames().maxMessageBytes();
        Map<String, Object> props = new HashMap<>();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID_CONFIG));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE_CONFIG));
        props.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR_CONFIG).isBlank()
                ? RunStateDirectory.forApplication(getString(APPLICATION_ID_CONFIG)).toString()
                : getString(STATE_DIR_CONFIG));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        // no global stores; Kafka 4.x warns when a client starts without this future default (its partition
        // assignor still warns once: it builds its own config from the consumer's)
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetterSink.CONFIG, new DeadLetterSink(topics.resultDeadLetters().name(), "Record",
                serdes().valueSerde(topics.resultDeadLetters()).serializer(), metrics.deadLetterCounts()));
        props.put(StreamsConfig.topicPrefix("max.message.bytes"), Integer.toString(frameBytes));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), frameBytes + 65_536);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                frameBytes + 65_536);
        props.putAll(originalsWithPrefix(KAFKA_PREFIX));
        return props;
    }

    /** Admin client properties: the brokers plus {@code kafka.*} (for creating missing topics). */
    public Map<String, Object> adminProperties() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        return props;
    }
}
