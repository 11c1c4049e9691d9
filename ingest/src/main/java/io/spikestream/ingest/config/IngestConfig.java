package io.spikestream.ingest.config;

import io.spikestream.ingest.encode.ImageFormat;
import io.spikestream.ingest.pace.Delivery;
import io.spikestream.ingest.pace.Pacing;
import io.spikestream.ingest.publish.FramePublisherBuilder;
import io.spikestream.ingest.source.FrameSources;
import io.spikestream.ingest.source.ReconnectPolicy;
import io.spikestream.ingest.source.SourceOptions;
import io.spikestream.schemas.SchemasConfig;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.metrics.CameraTags;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.CaseInsensitiveValidString;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.NonEmptyString;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@code spikestream ingest}: where frames come from, how fast and in what form they are published,
 * and where to. Topic and serde keys come from {@link SchemasConfig}; Kafka client settings pass through with
 * the prefix {@value #KAFKA_PREFIX} (e.g. {@code kafka.security.protocol}) to the producer and the admin client.
 * Bad values and contradicting settings fail here with a message saying how to fix them.
 */
public final class IngestConfig extends AbstractConfig {

    public static final String KAFKA_PREFIX = "kafka.";

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers to publish to, e.g. localhost:9092.";
    public static final String SOURCE_CONFIG = "source";
    private static final String SOURCE_DOC = "Input: a video file, an image folder (Cityscapes layout with ground "
            + "truth, or plain images), rtsp://, http(s)://, v4l2:/dev/videoN, /dev/videoN, or "
            + "synthetic:seed=7,frames=30,width=512,height=256 (add camera=fixed for a parked camera).";
    public static final String CAMERA_ID_CONFIG = "camera.id";
    private static final String CAMERA_ID_DOC = "Camera id: the record key and Frame.cameraId. Default: derived from "
            + "the source (file or folder name, URL without credentials, device, synthetic-<seed>).";
    public static final String PACING_CONFIG = "pacing";
    private static final String PACING_DOC = "How fast frames are released: 'source' (the source's own rate), "
            + "'max' (as fast as they decode) or 'fixed:<fps>'.";
    public static final String DELIVERY_CONFIG = "delivery";
    private static final String DELIVERY_DOC = "When publishing is slower than the source: 'replay' publishes every "
            + "frame, late; 'live' publishes the newest frame and drops the rest; 'auto' is live for cameras and "
            + "replay otherwise.";
    public static final String ENCODING_CONFIG = "encoding";
    private static final String ENCODING_DOC = "Image encoding of published frames: jpeg or png (lossless, larger).";
    public static final String JPEG_QUALITY_CONFIG = "jpeg.quality";
    private static final String JPEG_QUALITY_DOC = "JPEG quality, 1-100.";
    public static final String MAX_WIDTH_CONFIG = "max.width";
    private static final String MAX_WIDTH_DOC = "Downscale wider frames to this width, keeping the aspect ratio; "
            + "0 = never.";
    public static final String MAX_FRAMES_CONFIG = "max.frames";
    private static final String MAX_FRAMES_DOC = "Stop after this many frames; 0 = all.";
    public static final String LOOP_CONFIG = "loop";
    private static final String LOOP_DOC = "Replay a file, folder or synthetic source from the start whenever it "
            + "ends (forever, or until max.frames). Not for cameras.";
    public static final String ALLOW_TRUNCATED_CONFIG = "allow.truncated";
    private static final String ALLOW_TRUNCATED_DOC = "Accept a video file that holds fewer frames than its container"
            + " announces (a warning instead of an error at its end).";
    public static final String SEQUENCE_FPS_CONFIG = "sequence.fps";
    private static final String SEQUENCE_FPS_DOC = "Frame rate of image folders (Cityscapes sequences: 17).";
    public static final String CAMERA_IO_TIMEOUT_MS_CONFIG = "camera.io.timeout.ms";
    private static final String CAMERA_IO_TIMEOUT_MS_DOC = "Network connect/read timeout of cameras; a stalled "
            + "stream is reconnected after it.";
    public static final String CAMERA_RTSP_TRANSPORT_CONFIG = "camera.rtsp.transport";
    private static final String CAMERA_RTSP_TRANSPORT_DOC = "RTSP transport: tcp (no packet loss) or udp.";
    public static final String CAMERA_RECONNECT_BACKOFF_MS_CONFIG = "camera.reconnect.backoff.ms";
    private static final String CAMERA_RECONNECT_BACKOFF_MS_DOC = "Wait after the first failed camera connection; "
            + "doubles with each further failure.";
    public static final String CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG = "camera.reconnect.backoff.max.ms";
    private static final String CAMERA_RECONNECT_BACKOFF_MAX_MS_DOC = "Upper bound of the reconnect wait.";
    public static final String CAMERA_RECONNECT_MAX_ATTEMPTS_CONFIG = "camera.reconnect.max.attempts";
    private static final String CAMERA_RECONNECT_MAX_ATTEMPTS_DOC = "Consecutive failed attempts before giving up; "
            + "0 = retry forever.";
    public static final String SEQUENCE_START_CONFIG = "sequence.start";
    private static final String SEQUENCE_START_DOC = "Sequence of the camera's first frame; -1 = continue after the "
            + "highest sequence the frames topic holds for the camera (0 when it holds none). Set it when ingest "
            + "may not read the frames topic, or to skip numbers whose outputs must not be overwritten.";
    public static final String SEQUENCE_LOOKUP_TIMEOUT_MS_CONFIG = "sequence.lookup.timeout.ms";
    private static final String SEQUENCE_LOOKUP_TIMEOUT_MS_DOC = "How long finding the camera's highest sequence "
            + "in the frames topic may take before ingest stops with an error (sequence.start=-1 only).";
    public static final String COMPRESSION_TYPE_CONFIG = "compression.type";
    private static final String COMPRESSION_TYPE_DOC = "Producer compression: none, gzip, snappy, lz4 or zstd (JPEG "
            + "and PNG barely shrink; lz4 is cheap).";
    public static final String TOPICS_CREATE_CONFIG = "topics.create";
    private static final String TOPICS_CREATE_DOC = "Create the frames topic if it is missing, with its "
            + "max.message.bytes.";
    public static final String TOPICS_PARTITIONS_CONFIG = "topics.partitions";
    private static final String TOPICS_PARTITIONS_DOC = "Partitions of a created frames topic; -1 = broker default.";
    public static final String TOPICS_REPLICATION_FACTOR_CONFIG = "topics.replication.factor";
    private static final String TOPICS_REPLICATION_FACTOR_DOC = "Replication factor of a created frames topic; "
            + "-1 = broker default.";
    public static final String PROGRESS_INTERVAL_MS_CONFIG = "progress.interval.ms";
    private static final String PROGRESS_INTERVAL_MS_DOC = "How often progress is reported.";
    public static final String CLOSE_TIMEOUT_MS_CONFIG = "close.timeout.ms";
    private static final String CLOSE_TIMEOUT_MS_DOC = "How long a shutdown waits for the publishing thread and the "
            + "producer.";

    /** Most camera ids with a {@code camera} label value of their own on the stage's meters. */
    public static final String METRICS_CAMERAS_MAX_CONFIG = CameraTags.MAX_CONFIG;

    private static final ConfigDef CONFIG = define(new ConfigDef());

    /**
     * Parses and validates {@code originals}.
     *
     * @throws ConfigException naming the bad setting and how to fix it
     */
    public IngestConfig(Map<?, ?> originals) {
        super(CONFIG, originals, false);
    }

    /** A copy of the definition, e.g. for {@code toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef define(ConfigDef def) {
        defineInput(def);
        defineOutput(def);
        defineCamera(def);
        CameraTags.define(def);
        return SchemasConfig.define(def);
    }

    private static void defineInput(ConfigDef def) {
        def.define(SOURCE_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(), Importance.HIGH,
                        SOURCE_DOC)
                .define(CAMERA_ID_CONFIG, Type.STRING, null, IngestConfig::validateCameraId, Importance.HIGH,
                        CAMERA_ID_DOC)
                .define(PACING_CONFIG, Type.STRING, "source", IngestConfig::validatePacing, Importance.MEDIUM,
                        PACING_DOC)
                .define(DELIVERY_CONFIG, Type.STRING, "auto", CaseInsensitiveValidString.in("auto", "replay", "live"),
                        Importance.MEDIUM, DELIVERY_DOC)
                .define(MAX_FRAMES_CONFIG, Type.LONG, 0L, Range.atLeast(0), Importance.MEDIUM, MAX_FRAMES_DOC)
                .define(LOOP_CONFIG, Type.BOOLEAN, false, Importance.LOW, LOOP_DOC)
                .define(ALLOW_TRUNCATED_CONFIG, Type.BOOLEAN, false, Importance.LOW, ALLOW_TRUNCATED_DOC)
                .define(SEQUENCE_FPS_CONFIG, Type.DOUBLE, 17.0, IngestConfig::validatePositive, Importance.LOW,
                        SEQUENCE_FPS_DOC);
    }

    private static void defineOutput(ConfigDef def) {
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new NonEmptyString(),
                        Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
                .define(ENCODING_CONFIG, Type.STRING, "jpeg", CaseInsensitiveValidString.in("jpeg", "png"),
                        Importance.MEDIUM, ENCODING_DOC)
                .define(JPEG_QUALITY_CONFIG, Type.INT, 85, Range.between(1, 100), Importance.MEDIUM, JPEG_QUALITY_DOC)
                .define(MAX_WIDTH_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM, MAX_WIDTH_DOC)
                .define(COMPRESSION_TYPE_CONFIG, Type.STRING, FramePublisherBuilder.DEFAULT_COMPRESSION,
                        ConfigDef.ValidString.in(FramePublisherBuilder.COMPRESSION_TYPES.toArray(String[]::new)),
                        Importance.LOW, COMPRESSION_TYPE_DOC)
                .define(SEQUENCE_START_CONFIG, Type.LONG, -1L, Range.atLeast(-1), Importance.MEDIUM,
                        SEQUENCE_START_DOC)
                .define(SEQUENCE_LOOKUP_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(1), Importance.LOW,
                        SEQUENCE_LOOKUP_TIMEOUT_MS_DOC)
                .define(TOPICS_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, TOPICS_CREATE_DOC)
                .define(TOPICS_PARTITIONS_CONFIG, Type.INT, -1, IngestConfig::validateBrokerDefault, Importance.LOW,
                        TOPICS_PARTITIONS_DOC)
                .define(TOPICS_REPLICATION_FACTOR_CONFIG, Type.INT, -1, IngestConfig::validateBrokerDefault,
                        Importance.LOW, TOPICS_REPLICATION_FACTOR_DOC)
                .define(PROGRESS_INTERVAL_MS_CONFIG, Type.LONG, 1000L, Range.atLeast(10), Importance.LOW,
                        PROGRESS_INTERVAL_MS_DOC)
                .define(CLOSE_TIMEOUT_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                        CLOSE_TIMEOUT_MS_DOC);
    }

    private static void defineCamera(ConfigDef def) {
        def.define(CAMERA_IO_TIMEOUT_MS_CONFIG, Type.LONG, 5000L, Range.atLeast(1), Importance.LOW,
                        CAMERA_IO_TIMEOUT_MS_DOC)
                .define(CAMERA_RTSP_TRANSPORT_CONFIG, Type.STRING, "tcp", ConfigDef.ValidString.in("tcp", "udp"),
                        Importance.LOW, CAMERA_RTSP_TRANSPORT_DOC)
                .define(CAMERA_RECONNECT_BACKOFF_MS_CONFIG, Type.LONG, 500L, Range.atLeast(0), Importance.LOW,
                        CAMERA_RECONNECT_BACKOFF_MS_DOC)
                .define(CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG, Type.LONG, 30_000L, Range.atLeast(0), Importance.LOW,
                        CAMERA_RECONNECT_BACKOFF_MAX_MS_DOC)
                .define(CAMERA_RECONNECT_MAX_ATTEMPTS_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.LOW,
                        CAMERA_RECONNECT_MAX_ATTEMPTS_DOC);
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
        ConfigChecks.check(parsed, originalsWithPrefix(KAFKA_PREFIX));
        return Map.of();
    }

    private static void validatePacing(String key, Object value) {
        try {
            Pacing.parse((String) value);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    private static void validateCameraId(String key, Object value) {
        if (value != null && !((String) value).matches("[\\p{Graph}]{1,249}")) {
            throw new ConfigException(key, value, "use 1-249 visible characters without spaces, e.g. 'front-left', "
                    + "or leave it unset to derive it from the source");
        }
    }

    private static void validatePositive(String key, Object value) {
        double v = ((Number) value).doubleValue();
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ConfigException(key, value, "must be a positive frame rate, e.g. 17");
        }
    }

    private static void validateBrokerDefault(String key, Object value) {
        int v = (Integer) value;
        if (v == 0 || v < -1) {
            throw new ConfigException(key, value, "use -1 for the broker's default or a positive number");
        }
    }

    public String bootstrapServers() {
        return getString(BOOTSTRAP_SERVERS_CONFIG).strip();
    }

    public String source() {
        return getString(SOURCE_CONFIG).strip();
    }

    /** The configured camera id, or the one derived from the source (without URL credentials). */
    public String cameraId() {
        String id = getString(CAMERA_ID_CONFIG);
        return id != null ? id : FrameSources.defaultName(source());
    }

    public boolean isCamera() {
        return FrameSources.isCamera(source());
    }

    public Pacing pacing() {
        return Pacing.parse(getString(PACING_CONFIG));
    }

    /** The delivery, with {@code auto} resolved: live for cameras, replay otherwise. */
    public Delivery delivery() {
        String d = getString(DELIVERY_CONFIG).toLowerCase(Locale.ROOT);
        if (d.equals("auto")) {
            return isCamera() ? Delivery.LIVE : Delivery.REPLAY;
        }
        return Delivery.valueOf(d.toUpperCase(Locale.ROOT));
    }

    public ImageFormat encoding() {
        return ImageFormat.valueOf(getString(ENCODING_CONFIG).toUpperCase(Locale.ROOT));
    }

    public int jpegQuality() {
        return getInt(JPEG_QUALITY_CONFIG);
    }

    public int maxWidth() {
        return getInt(MAX_WIDTH_CONFIG);
    }

    /** Frames to publish before stopping; 0 = all. */
    public long maxFrames() {
        return getLong(MAX_FRAMES_CONFIG);
    }

    public boolean loop() {
        return getBoolean(LOOP_CONFIG);
    }

    /** Options for {@code FrameSources.open}, named with {@link #cameraId()}. */
    public SourceOptions sourceOptions() {
        ReconnectPolicy reconnect = new ReconnectPolicy(Duration.ofMillis(getLong(CAMERA_RECONNECT_BACKOFF_MS_CONFIG)),
                Duration.ofMillis(getLong(CAMERA_RECONNECT_BACKOFF_MAX_MS_CONFIG)),
                getInt(CAMERA_RECONNECT_MAX_ATTEMPTS_CONFIG));
        return SourceOptions.defaults().withName(cameraId()).withSequenceFps(getDouble(SEQUENCE_FPS_CONFIG))
                .withIoTimeout(Duration.ofMillis(getLong(CAMERA_IO_TIMEOUT_MS_CONFIG)))
                .withRtspTransport(getString(CAMERA_RTSP_TRANSPORT_CONFIG)).withReconnect(reconnect)
                .withAllowTruncated(getBoolean(ALLOW_TRUNCATED_CONFIG));
    }

    /** The configured first sequence; empty to continue from the frames topic. */
    public OptionalLong sequenceStart() {
        long start = getLong(SEQUENCE_START_CONFIG);
        return start < 0 ? OptionalLong.empty() : OptionalLong.of(start);
    }

    public Duration sequenceLookupTimeout() {
        return Duration.ofMillis(getLong(SEQUENCE_LOOKUP_TIMEOUT_MS_CONFIG));
    }

    public String compressionType() {
        return getString(COMPRESSION_TYPE_CONFIG);
    }

    public boolean createTopics() {
        return getBoolean(TOPICS_CREATE_CONFIG);
    }

    /** Partitions of a created topic; empty for the broker's default. */
    public Optional<Integer> topicPartitions() {
        int p = getInt(TOPICS_PARTITIONS_CONFIG);
        return p > 0 ? Optional.of(p) : Optional.empty();
    }

    /** Replication factor of a created topic; empty for the broker's default. */
    public Optional<Short> topicReplicationFactor() {
        int rf = getInt(TOPICS_REPLICATION_FACTOR_CONFIG);
        return rf > 0 ? Optional.of((short) rf) : Optional.empty();
    }

    public Duration progressInterval() {
        return Duration.ofMillis(getLong(PROGRESS_INTERVAL_MS_CONFIG));
    }

    /** Most camera ids with a {@code camera} label value of their own ({@value #METRICS_CAMERAS_MAX_CONFIG}). */
    public int metricsCamerasMax() {
        return getInt(METRICS_CAMERAS_MAX_CONFIG);
    }

    public Duration closeTimeout() {
        return Duration.ofMillis(getLong(CLOSE_TIMEOUT_MS_CONFIG));
    }

    public SchemasConfig schemasConfig() {
        return new SchemasConfig(originals());
    }

    public Topics topics() {
        return Topics.from(schemasConfig());
    }

    public SerdeFactory serdes() {
        return SerdeFactory.from(schemasConfig());
    }

    /** The {@code kafka.*} settings without the prefix, for the producer. */
    public Map<String, Object> producerOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX);
    }

    /** Bootstrap servers plus the {@code kafka.*} settings an admin client understands. */
    public Map<String, Object> adminConfigs() {
        return clientConfigs(AdminClientConfig.configNames());
    }

    /** Bootstrap servers plus the {@code kafka.*} settings a consumer understands, for the sequence lookup. */
    public Map<String, Object> consumerConfigs() {
        return clientConfigs(ConsumerConfig.configNames());
    }

    private Map<String, Object> clientConfigs(Set<String> names) {
        Map<String, Object> c = producerOverrides().entrySet().stream()
                .filter(e -> names.contains(e.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        c.remove(CommonClientConfigs.CLIENT_ID_CONFIG);
        return c;
    }
}
