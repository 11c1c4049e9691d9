package io.spikestream.inference.service;

import io.spikestream.inference.model.Spike2FormerConfig;
import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import io.spikestream.inference.runtime.StreamingDefaults;
import io.spikestream.inference.runtime.BatchingOptions;
import io.spikestream.inference.runtime.DeviceSpec;
import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.runtime.StateMode;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.inference.stream.TopologySettings;
import io.spikestream.schemas.RunStateDirectory;
import io.spikestream.schemas.SchemasConfig;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.deadletter.DeadLetterDeserializationHandler;
import io.spikestream.schemas.deadletter.DeadLetterProductionHandler;
import io.spikestream.schemas.deadletter.DeadLetterSink;
import io.spikestream.schemas.metrics.CameraTags;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Settings of the inference stage ({@code spikestream infer}): Kafka, topics, model, batching, live-frame
 * shedding ({@code live.max.age.ms}), per-camera state ({@code state.mode}, {@code delta.*}). Kafka client and
 * Streams settings not covered here pass through with the prefix {@code kafka.} (e.g.
 * {@code kafka.commit.interval.ms}).
 */
public final class InferenceConfig extends AbstractConfig {

    public static final String BOOTSTRAP_SERVERS_CONFIG = "bootstrap.servers";
    private static final String BOOTSTRAP_SERVERS_DOC = "Kafka brokers, host:port[,host:port...].";

    public static final String APPLICATION_ID_CONFIG = "application.id";
    private static final String APPLICATION_ID_DOC = "Kafka Streams application id: consumer group and prefix"
            + " of internal names. Instances with the same id share the frames topic's partitions.";

    public static final String MODEL_PRESET_CONFIG = "model.preset";
    private static final String MODEL_PRESET_DOC = "Architecture: " + String.join(", ", Spike2FormerConfig.PRESETS)
            + "; empty = the architecture stored beside .params weights, else tiny-cityscapes.";

    public static final String MODEL_WEIGHTS_CONFIG = "model.weights";
    private static final String MODEL_WEIGHTS_DOC = "Official .pth checkpoint or spikestream .params file;"
            + " 'default' = the weights shipped for the preset; 'random' = random weights (plumbing tests,"
            + " benchmarks); empty = the shipped weights when the preset has them (tiny-cityscapes), else random.";

    public static final String MODEL_DEVICE_CONFIG = "model.device";
    private static final String MODEL_DEVICE_DOC = "Inference device: cpu, gpu or gpu:N.";

    public static final String INPUT_HEIGHT_CONFIG = "model.input.height";
    public static final String INPUT_WIDTH_CONFIG = "model.input.width";
    private static final String INPUT_SIZE_DOC = "Network input %s in pixels, a multiple of 32; frames are"
            + " resized to it and masks come back at the frame's size. 0 = the size stored with .params weights"
            + " (the size they were trained at; 128x256 for the shipped tiny-cityscapes weights), else the preset's"
            + " usual size (256x512 tiny-cityscapes, 512x1024 cityscapes, 512x512 otherwise).";

    public static final String BATCH_MAX_SIZE_CONFIG = "batch.max.size";
    private static final String BATCH_MAX_SIZE_DOC = "Most frames (of different cameras) per forward pass."
            + " Frames come from the stream threads, so batches are at most num.stream.threads large.";

    public static final String BATCH_MAX_DELAY_MS_CONFIG = "batch.max.delay.ms";
    private static final String BATCH_MAX_DELAY_MS_DOC = "Longest a frame waits for other cameras' frames to"
            + " join its batch, while another camera sent a frame within the last 2 s (a lone camera does not wait);"
            + " 0 = batch only what is already waiting.";

    public static final String INFERENCE_WORKERS_CONFIG = "inference.workers";
    private static final String INFERENCE_WORKERS_DOC = "Inference threads sharing the model's weights, each"
            + " running whole forward passes with libtorch on its own thread: on a CPU, passes side by side (one per"
            + " core) do more than one pass spread over every core. 0 = one per core. In delta mode a camera's frames"
            + " still go through one pass at a time, in order.";

    public static final String LIVE_MAX_AGE_MS_CONFIG = "live.max.age.ms";
    /** Default of {@code live.max.age.ms}; a constant so that flag help texts can name it. */
    public static final long LIVE_MAX_AGE_MS_DEFAULT = 1_000L;
    private static final String LIVE_MAX_AGE_MS_DOC = "The oldest a live frame's result should be (Frame.delivery=LIVE,"
            + " ingest --live): a frame whose age (wall clock minus capture time) plus the time frames currently take"
            + " to their result (at most half of this) exceeds it is not segmented but gets a skipped result (reason"
            + " TOO_OLD), so a live camera's latency stays near this however far inference falls behind. Keep it"
            + " at least twice a frame's time through the stage and below the staleness a viewer tolerates. Replay"
            + " frames are never skipped. 0 = never skip.";

    public static final String STATE_MODE_CONFIG = "state.mode";
    /** Default of {@code state.mode} for weights that name no mode; a constant so that flag help texts can name it. */
    public static final String STATE_MODE_DEFAULT = StreamingDefaults.FALLBACK_MODE;
    private static final String STATE_MODE_DOC = "What is kept per camera between frames. Default: the mode stored"
            + " with the weights (state.mode in their .properties; keyframe for the shipped tiny-cityscapes weights),"
            + " else delta. keyframe = for moving cameras, with weights trained for it: a key frame runs the whole"
            + " network and the frames until the next one recompute only the finest levels, reusing the key frame's"
            + " context (keyframe.interval, keyframe.adaptive.change; docs/streaming-state.md). delta ="
            + " change-driven inference: each camera keeps the reference input and every stage's output, a frame"
            + " recomputes only what its changed tiles reach and keeps the camera's context while little changed,"
            + " and a frame in which most of the input changed is one full pass (key frames: state.reset.interval;"
            + " docs/streaming-state.md). reset = nothing: every frame is a full pass from fresh membrane state (the"
            + " paper's setting, deterministic on replay at any threshold).";

    /** Retired: carrying membrane potentials across frames; giving it fails at start-up. */
    public static final String STATE_CARRY_CONFIG = "state.carry";
    private static final String STATE_CARRY_RETIRED = "was replaced by state.mode; carrying membrane potentials"
            + " across frames was retired because weights trained on single images lose accuracy with it (42.9 ->"
            + " 29.3 mIoU on the demo clip) and it saves no compute. Remove it: state.mode=reset is the old"
            + " state.carry=false, state.mode=delta recomputes only what changed (docs/streaming-state.md)";

    public static final String DELTA_THRESHOLD_CONFIG = "delta.threshold";
    private static final String DELTA_THRESHOLD_DOC = "state.mode=delta: a tile is recomputed when one of its"
            + " network-input pixels differs by more than this many grey levels (0..255) from the input its cached"
            + " values were computed from; 0 = recompute any change (the masks equal a full pass).";

    public static final String DELTA_TILE_CONFIG = "delta.tile";
    private static final String DELTA_TILE_DOC = "state.mode=delta: tile edge in network-input pixels, "
            + DeltaSettings.TILES.get(0) + " or " + DeltaSettings.TILES.get(1) + ": the grain at which a frame is"
            + " compared with the reference input.";

    public static final String DELTA_DENSE_BOUND_CONFIG = "delta.dense.bound";
    private static final String DELTA_DENSE_BOUND_DOC = "state.mode=delta: a stage runs on its whole map when"
            + " the window around its changed rectangle (plus halo) would cover more than this share of it; 0 < x <= 1.";

    public static final String DELTA_CONTEXT_BOUND_CONFIG = "delta.context.bound";
    private static final String DELTA_CONTEXT_BOUND_DOC = "state.mode=delta: a camera keeps its context (the"
            + " backbone's 1/8 level and everything coarser, the transformer decoder included) from its last refresh"
            + " while at most this share of its input tiles differ from the input the context was computed from,"
            + " and refreshes it above; 0 = recompute the context at every change. Default: " + DeltaSettings.DEFAULT_CONTEXT_BOUND + ", or 0"
            + " when delta.threshold is 0, so that threshold 0 stays exact (docs/streaming-state.md).";

    public static final String KEYFRAME_INTERVAL_CONFIG = StreamingDefaults.INTERVAL_KEY;
    private static final String KEYFRAME_INTERVAL_DOC = "state.mode=keyframe: a key frame at least every this many"
            + " frames of a camera (1 = every frame). Default: the weights' keyframe.interval, else "
            + KeyFrameSettings.DEFAULT_INTERVAL + ".";

    public static final String KEYFRAME_ADAPTIVE_CONFIG = StreamingDefaults.ADAPTIVE_KEY;
    private static final String KEYFRAME_ADAPTIVE_DOC = "state.mode=keyframe: also a key frame as soon as the"
            + " frame's 8x8-block means differ from the key frame's by more than this many grey levels on average"
            + " (0..255); 0 = the fixed interval only. Default: the weights' keyframe.adaptive.change, else 0.";

    private static final List<String> KEYFRAME_SETTINGS = List.of(KEYFRAME_INTERVAL_CONFIG, KEYFRAME_ADAPTIVE_CONFIG);

    private static final List<String> DELTA_SETTINGS = List.of(DELTA_THRESHOLD_CONFIG, DELTA_TILE_CONFIG,
            DELTA_DENSE_BOUND_CONFIG, DELTA_CONTEXT_BOUND_CONFIG);

    public static final String STATE_RESET_INTERVAL_CONFIG = "state.reset.interval";
    private static final String STATE_RESET_INTERVAL_DOC = "state.mode=delta: a key frame (a full pass that"
            + " refreshes every cached value) after this many frames of a camera; 0 = never.";

    public static final String STATE_MAX_CAMERAS_CONFIG = "state.max.cameras";
    private static final String STATE_MAX_CAMERAS_DOC = "Cameras whose state (state.mode=delta: one delta"
            + " cache each) is kept on the device; beyond it the least recently seen camera is evicted and its next"
            + " frame is a key frame. This bound is what bounds the state's device memory: size it from 'spikestream"
            + " model info' (delta state bytes per camera) and the device memory.";

    public static final String ACCOUNTING_INTERVAL_CONFIG = "accounting.interval";
    private static final String ACCOUNTING_INTERVAL_DOC = "Measure firing rate and energy on the batch that"
            + " holds every n-th frame (costs time); other results carry NaN. 0 = off.";

    public static final String PROCESSING_GUARANTEE_CONFIG = StreamsConfig.PROCESSING_GUARANTEE_CONFIG;
    private static final String PROCESSING_GUARANTEE_DOC = "at_least_once or exactly_once_v2. Exactly-once"
            + " covers Kafka outputs and offsets, not the per-camera state on the device (docs/streaming-state.md).";

    public static final String NUM_STREAM_THREADS_CONFIG = StreamsConfig.NUM_STREAM_THREADS_CONFIG;
    private static final String NUM_STREAM_THREADS_DOC = "Stream threads; each blocks on its frame, so up to"
            + " this many cameras share a forward pass. Useful up to the frames topic's partition count.";

    public static final String STATE_DIR_CONFIG = StreamsConfig.STATE_DIR_CONFIG;
    private static final String STATE_DIR_DOC = "Kafka Streams state directory; empty = one per process,"
            + " <tmp>/spikestream-state-<application.id>-<pid>, deleted on exit (inference keeps no state stores).";

    public static final String TOPICS_CREATE_CONFIG = "topics.create";
    private static final String TOPICS_CREATE_DOC = "Create missing frames, results and dead-letter topics at"
            + " start, with their max.message.bytes.";

    public static final String TOPICS_PARTITIONS_CONFIG = "topics.partitions";
    private static final String TOPICS_PARTITIONS_DOC = "Partitions of topics created at start.";

    public static final String TOPICS_REPLICATION_FACTOR_CONFIG = "topics.replication.factor";
    private static final String TOPICS_REPLICATION_FACTOR_DOC = "Replication factor of topics created at start.";

    public static final String STARTUP_TIMEOUT_MS_CONFIG = "startup.timeout.ms";
    private static final String STARTUP_TIMEOUT_MS_DOC = "How long start() waits for the streams to be RUNNING.";

    /** Most camera ids with a {@code camera} label value of their own on the stage's meters. */
    public static final String METRICS_CAMERAS_MAX_CONFIG = CameraTags.MAX_CONFIG;

    /** Prefix of Kafka client and Streams settings passed through unchanged. */
    public static final String KAFKA_PREFIX = "kafka.";

    private static final List<String> FIRST_CLASS = List.of(BOOTSTRAP_SERVERS_CONFIG, APPLICATION_ID_CONFIG,
            PROCESSING_GUARANTEE_CONFIG, NUM_STREAM_THREADS_CONFIG, STATE_DIR_CONFIG);

    private static final ConfigDef CONFIG = define(new ConfigDef());

    /**
     * Parses and validates settings.
     *
     * @param originals the settings
     * @throws ConfigException naming the setting and how to fix it
     */
    public InferenceConfig(Map<?, ?> originals) {
        super(CONFIG, rejectRetired(originals));
    }

    /** Checked before parsing, so that any value of a retired setting gets the explanation. */
    private static Map<?, ?> rejectRetired(Map<?, ?> originals) {
        if (originals.containsKey(STATE_CARRY_CONFIG)) {
            throw new ConfigException(STATE_CARRY_CONFIG, originals.get(STATE_CARRY_CONFIG), STATE_CARRY_RETIRED);
        }
        return originals;
    }

    /** A copy of the definition, e.g. to print with {@code toRst()}. */
    public static ConfigDef configDef() {
        return new ConfigDef(CONFIG);
    }

    private static ConfigDef define(ConfigDef def) {
        def.define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "localhost:9092", new ConfigDef.NonEmptyString(),
                Importance.HIGH, BOOTSTRAP_SERVERS_DOC);
        def.define(APPLICATION_ID_CONFIG, Type.STRING, "spikestream-inference", new ConfigDef.NonEmptyString(),
                Importance.HIGH, APPLICATION_ID_DOC);
        SchemasConfig.define(def);
        CameraTags.define(def);
        defineModel(def);
        defineBatchingAndState(def);
        defineStreams(def);
        return def;
    }

    private static void defineModel(ConfigDef def) {
        def.define(MODEL_PRESET_CONFIG, Type.STRING, "", InferenceConfig::validatePreset, Importance.HIGH,
                MODEL_PRESET_DOC);
        def.define(MODEL_WEIGHTS_CONFIG, Type.STRING, "", Importance.HIGH, MODEL_WEIGHTS_DOC);
        def.define(MODEL_DEVICE_CONFIG, Type.STRING, "cpu", InferenceConfig::validateDevice, Importance.HIGH,
                MODEL_DEVICE_DOC);
        def.define(INPUT_HEIGHT_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                String.format(INPUT_SIZE_DOC, "height"));
        def.define(INPUT_WIDTH_CONFIG, Type.INT, 0, Range.atLeast(0), Importance.MEDIUM,
                String.format(INPUT_SIZE_DOC, "width"));
    }

    private static void defineBatchingAndState(ConfigDef def) {
        def.define(BATCH_MAX_SIZE_CONFIG, Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
                BATCH_MAX_SIZE_DOC);
        def.define(BATCH_MAX_DELAY_MS_CONFIG, Type.LONG, 10L, Range.between(0, 10_000), Importance.MEDIUM,
                BATCH_MAX_DELAY_MS_DOC);
        def.define(INFERENCE_WORKERS_CONFIG, Type.INT, 0, Range.between(0, 64), Importance.MEDIUM,
                INFERENCE_WORKERS_DOC);
        def.define(LIVE_MAX_AGE_MS_CONFIG, Type.LONG, LIVE_MAX_AGE_MS_DEFAULT, Range.between(0, 3_600_000),
                Importance.MEDIUM, LIVE_MAX_AGE_MS_DOC);
        def.define(STATE_MODE_CONFIG, Type.STRING, null, unlessUnset(ValidString.in(StateMode.names())),
                Importance.MEDIUM, STATE_MODE_DOC);
        def.define(KEYFRAME_INTERVAL_CONFIG, Type.INT, null, unlessUnset(Range.atLeast(1)), Importance.MEDIUM,
                KEYFRAME_INTERVAL_DOC);
        def.define(KEYFRAME_ADAPTIVE_CONFIG, Type.DOUBLE, null, unlessUnset(Range.between(0, 255)), Importance.LOW,
                KEYFRAME_ADAPTIVE_DOC);
        // only so that SPIKESTREAM_STATE_CARRY reaches rejectRetired too
        def.defineInternal(STATE_CARRY_CONFIG, Type.STRING, "", Importance.LOW);
        defineDelta(def);
        def.define(STATE_RESET_INTERVAL_CONFIG, Type.LONG, 30L, Range.atLeast(0), Importance.MEDIUM,
                STATE_RESET_INTERVAL_DOC);
        def.define(STATE_MAX_CAMERAS_CONFIG, Type.INT, 16, Range.atLeast(1), Importance.MEDIUM,
                STATE_MAX_CAMERAS_DOC);
        def.define(ACCOUNTING_INTERVAL_CONFIG, Type.LONG, 30L, Range.atLeast(0), Importance.LOW,
                ACCOUNTING_INTERVAL_DOC);
    }

    private static void defineDelta(ConfigDef def) {
        DeltaSettings d = DeltaSettings.DEFAULT;
        def.define(DELTA_THRESHOLD_CONFIG, Type.DOUBLE, d.threshold(), InferenceConfig::validateThreshold,
                Importance.MEDIUM, DELTA_THRESHOLD_DOC);
        def.define(DELTA_TILE_CONFIG, Type.INT, d.tile(), InferenceConfig::validateTile, Importance.LOW,
                DELTA_TILE_DOC);
        def.define(DELTA_DENSE_BOUND_CONFIG, Type.DOUBLE, d.denseBound(), InferenceConfig::validateDenseBound,
                Importance.LOW, DELTA_DENSE_BOUND_DOC);
        def.define(DELTA_CONTEXT_BOUND_CONFIG, Type.DOUBLE, null, InferenceConfig::validateContextBound,
                Importance.MEDIUM, DELTA_CONTEXT_BOUND_DOC);
    }

    private static void defineStreams(ConfigDef def) {
        def.define(PROCESSING_GUARANTEE_CONFIG, Type.STRING, StreamsConfig.AT_LEAST_ONCE,
                ValidString.in(StreamsConfig.AT_LEAST_ONCE, StreamsConfig.EXACTLY_ONCE_V2), Importance.MEDIUM,
                PROCESSING_GUARANTEE_DOC);
        def.define(NUM_STREAM_THREADS_CONFIG, Type.INT, 4, Range.between(1, 256), Importance.MEDIUM,
                NUM_STREAM_THREADS_DOC);
        def.define(STATE_DIR_CONFIG, Type.STRING, "", Importance.LOW, STATE_DIR_DOC);
        def.define(TOPICS_CREATE_CONFIG, Type.BOOLEAN, true, Importance.LOW, TOPICS_CREATE_DOC);
        def.define(TOPICS_PARTITIONS_CONFIG, Type.INT, 4, Range.atLeast(1), Importance.LOW, TOPICS_PARTITIONS_DOC);
        def.define(TOPICS_REPLICATION_FACTOR_CONFIG, Type.SHORT, (short) 1, Range.atLeast(1), Importance.LOW,
                TOPICS_REPLICATION_FACTOR_DOC);
        def.define(STARTUP_TIMEOUT_MS_CONFIG, Type.LONG, 60_000L, Range.atLeast(1), Importance.LOW,
                STARTUP_TIMEOUT_MS_DOC);
    }

    @Override
    protected Map<String, Object> postProcessParsedConfig(Map<String, Object> parsed) {
        checkInputSize((Integer) parsed.get(INPUT_HEIGHT_CONFIG), (Integer) parsed.get(INPUT_WIDTH_CONFIG));
        checkWeights((String) parsed.get(MODEL_WEIGHTS_CONFIG), (String) parsed.get(MODEL_PRESET_CONFIG));
        checkState(parsed);
        checkLiveMaxAge((Long) parsed.get(LIVE_MAX_AGE_MS_CONFIG), (Long) parsed.get(BATCH_MAX_DELAY_MS_CONFIG));
        for (String key : FIRST_CLASS) {
            if (originals().containsKey(KAFKA_PREFIX + key)) {
                throw new ConfigException(KAFKA_PREFIX + key, originals().get(KAFKA_PREFIX + key),
                        "set '" + key + "' instead; it is an inference setting, not a pass-through");
            }
        }
        return Map.of();
    }

    private void checkState(Map<String, Object> parsed) {
        StateMode mode = StreamingDefaults.modeOf((String) parsed.get(STATE_MODE_CONFIG), weightsDefaults());
        for (String key : mode == StateMode.KEYFRAME ? DELTA_SETTINGS : KEYFRAME_SETTINGS) {
            if (originals().containsKey(key)) {
                throw unusedInMode(key, parsed.get(key), mode);
            }
        }
        if (mode != StateMode.RESET) {
            return;
        }
        for (String key : DELTA_SETTINGS) {
            if (originals().containsKey(key)) {
                throw unusedInResetMode(key, parsed.get(key), "");
            }
        }
        if ((Long) parsed.get(STATE_RESET_INTERVAL_CONFIG) > 0 && originals().containsKey(STATE_RESET_INTERVAL_CONFIG)) {
            throw unusedInResetMode(STATE_RESET_INTERVAL_CONFIG, parsed.get(STATE_RESET_INTERVAL_CONFIG),
                    " (every frame starts fresh)");
        }
    }

    private static void checkLiveMaxAge(long maxAge, long batchDelay) {
        if (maxAge > 0 && maxAge <= batchDelay) {
            throw new ConfigException(LIVE_MAX_AGE_MS_CONFIG, maxAge, "must exceed " + BATCH_MAX_DELAY_MS_CONFIG
                    + " (" + batchDelay + " ms), or a live frame waiting for a batch would be skipped before its"
                    + " pass; raise it above the batch wait plus one model pass, lower " + BATCH_MAX_DELAY_MS_CONFIG
                    + ", or set 0 to never skip live frames");
        }
    }

    private ConfigException unusedInMode(String key, Object value, StateMode mode) {
        String needs = key.startsWith("keyframe.") ? StateMode.KEYFRAME.configName() : StateMode.DELTA.configName();
        String whose = originals().containsKey(STATE_MODE_CONFIG) ? "" : " (the mode stored with the weights)";
        return new ConfigException(key, value, "has no effect with state.mode=" + mode.configName() + whose
                + "; remove it or set state.mode=" + needs);
    }

    /** A check for a setting whose unset value (null) means "the weights' value". */
    private static ConfigDef.Validator unlessUnset(ConfigDef.Validator check) {
        return (key, value) -> {
            if (value != null) {
                check.ensureValid(key, value);
            }
        };
    }

    /** The membrane-state mode stored with the configured weights, or null. */
    private StreamingDefaults weightsDefaults() {
        try {
            return model().streamingDefaults();
        } catch (IOException e) {
            throw new ConfigException(MODEL_WEIGHTS_CONFIG, getString(MODEL_WEIGHTS_CONFIG), e.getMessage());
        }
    }

    private static ConfigException unusedInResetMode(String key, Object value, String why) {
        return new ConfigException(key, value, "has no effect with state.mode=reset" + why
                + "; remove it or set state.mode=delta");
    }

    private static void validateThreshold(String key, Object value) {
        double t = (Double) value;
        if (!(t >= 0 && t <= 255)) {
            throw new ConfigException(key, value, "must be in 0..255 grey levels (0 = recompute any change)");
        }
    }

    private static void validateTile(String key, Object value) {
        if (!DeltaSettings.TILES.contains((Integer) value)) {
            throw new ConfigException(key, value, "must be " + DeltaSettings.TILES.get(0) + " or "
                    + DeltaSettings.TILES.get(1) + " (tile edge in network-input pixels)");
        }
    }

    private static void validateDenseBound(String key, Object value) {
        double b = (Double) value;
        if (!(b > 0 && b <= 1)) {
            throw new ConfigException(key, value, "must be in (0, 1]: above 0 and at most 1 (a share of the map)");
        }
    }

    private static void validateContextBound(String key, Object value) {
        if (value == null) {
            return;
        }
        double b = (Double) value;
        if (!(b >= 0 && b <= 1)) {
            throw new ConfigException(key, value, "must be in [0, 1], a share of the input (0 = recompute the"
                    + " context at every change, 1 = keep it until the next key frame)");
        }
    }

    private static void checkInputSize(int height, int width) {
        if ((height == 0) != (width == 0)) {
            throw new ConfigException(height == 0 ? INPUT_HEIGHT_CONFIG : INPUT_WIDTH_CONFIG, 0,
                    "set both model.input.height and model.input.width, or neither (preset size)");
        }
        checkMultipleOf32(INPUT_HEIGHT_CONFIG, height);
        checkMultipleOf32(INPUT_WIDTH_CONFIG, width);
    }

    private static void checkMultipleOf32(String key, int value) {
        if (value % 32 != 0) {
            int down = Math.max(32, value / 32 * 32);
            throw new ConfigException(key, value, "must be a multiple of 32 (the backbone downsamples by 32);"
                    + " use " + down + " or " + (value / 32 * 32 + 32));
        }
    }

    private static void checkWeights(String weights, String preset) {
        ModelSelection.weightsProblem(preset, weights).ifPresent(problem -> {
            throw new ConfigException(MODEL_WEIGHTS_CONFIG, weights, problem);
        });
    }

    private static void validatePreset(String key, Object value) {
        String preset = (String) value;
        if (!preset.isEmpty() && !Arrays.asList(Spike2FormerConfig.PRESETS).contains(preset)) {
            throw new ConfigException(key, value, "unknown preset; use one of "
                    + String.join(", ", Spike2FormerConfig.PRESETS) + " or leave it empty");
        }
    }

    private static void validateDevice(String key, Object value) {
        try {
            DeviceSpec.resolve((String) value, Integer.MAX_VALUE);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, value, e.getMessage());
        }
    }

    /** Topic names (defaults, prefix and explicit names applied). */
    public Topics topics() {
        return Topics.from(new SchemasConfig(originals()));
    }

    /** Value serdes: registry-less unless {@code schema.registry.url} is set. */
    public SerdeFactory serdes() {
        return SerdeFactory.from(new SchemasConfig(originals()));
    }

    /**
     * The model to load.
     *
     * @throws IOException when shipped weights cannot be copied out of their jar
     */
    public ModelSelection model() throws IOException {
        return ModelSelection.of(getString(MODEL_PRESET_CONFIG), getString(MODEL_WEIGHTS_CONFIG),
                getString(MODEL_DEVICE_CONFIG), getInt(INPUT_HEIGHT_CONFIG), getInt(INPUT_WIDTH_CONFIG));
    }

    /** Batching and per-camera state settings. */
    public BatchingOptions batching() {
        StreamingDefaults weights = weightsDefaults();
        return new BatchingOptions(getInt(BATCH_MAX_SIZE_CONFIG), getLong(BATCH_MAX_DELAY_MS_CONFIG),
                StreamingDefaults.modeOf(getString(STATE_MODE_CONFIG), weights), delta(), keyFrames(weights),
                getLong(STATE_RESET_INTERVAL_CONFIG), getInt(STATE_MAX_CAMERAS_CONFIG),
                getLong(ACCOUNTING_INTERVAL_CONFIG), workers());
    }

    /** The key-frame settings: as set, else the weights', else the defaults. */
    private KeyFrameSettings keyFrames(StreamingDefaults weights) {
        return StreamingDefaults.keyFramesOf(weights).overriddenBy(getInt(KEYFRAME_INTERVAL_CONFIG),
                getDouble(KEYFRAME_ADAPTIVE_CONFIG));
    }

    /** The delta settings, the context bound defaulted from the threshold when not set. */
    private DeltaSettings delta() {
        return DeltaSettings.of(getDouble(DELTA_THRESHOLD_CONFIG), getInt(DELTA_TILE_CONFIG),
                getDouble(DELTA_DENSE_BOUND_CONFIG), getDouble(DELTA_CONTEXT_BOUND_CONFIG));
    }

    /** {@link #INFERENCE_WORKERS_CONFIG}, 0 resolved: one per core. */
    private int workers() {
        int workers = getInt(INFERENCE_WORKERS_CONFIG);
        return workers > 0 ? workers : Runtime.getRuntime().availableProcessors();
    }

    /** Topics, serdes and the live frames' maximum age: what the segmentation topology needs. */
    public TopologySettings topologySettings() {
        return new TopologySettings(topics(), serdes(), liveMaxAgeMillis());
    }

    /** Age beyond which live frames are skipped instead of segmented, in milliseconds; 0 = never. */
    public long liveMaxAgeMillis() {
        return getLong(LIVE_MAX_AGE_MS_CONFIG);
    }

    /** How long the results producer waits to batch sends, in ms (Kafka Streams' default is 100). */
    static final int RESULT_LINGER_MS = 5;

    /** The {@code kafka.}-prefixed settings without the prefix. */
    public Map<String, Object> kafkaOverrides() {
        return originalsWithPrefix(KAFKA_PREFIX);
    }

    /** Settings for an admin client: bootstrap servers plus the pass-through settings. */
    public Map<String, Object> adminProperties() {
        Map<String, Object> p = new HashMap<>(kafkaOverrides());
        p.put(BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        return p;
    }

    /**
     * Kafka Streams properties: identity, guarantee, threads, message-size limits raised to the topics',
     * the dead-letter exception handlers, then the pass-through settings.
     *
     * @param metrics counters the exception handlers update
     * @return the properties
     */
    public Properties streamsProperties(InferenceMetrics metrics) {
        Topics topics = topics();
        Properties p = new Properties();
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, getString(APPLICATION_ID_CONFIG));
        p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, getString(BOOTSTRAP_SERVERS_CONFIG));
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, getString(PROCESSING_GUARANTEE_CONFIG));
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, getInt(NUM_STREAM_THREADS_CONFIG));
        p.put(StreamsConfig.STATE_DIR_CONFIG, getString(STATE_DIR_CONFIG).isBlank()
                ? RunStateDirectory.forApplication(getString(APPLICATION_ID_CONFIG)).toString()
                : getString(STATE_DIR_CONFIG));
        int maxResult = Math.max(topics.results().maxMessageBytes(), topics.deadLetters().maxMessageBytes());
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), maxResult);
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG),
                topics.frames().maxMessageBytes());
        p.put(StreamsConfig.consumerPrefix(ConsumerConfig.MAX_POLL_RECORDS_CONFIG), 16);
        // Streams lingers 100 ms to batch its sends; a result is a whole frame's mask and frames come at camera
        // rates, so that batching saves little and adds to every live frame's latency (docs/live-shedding.md).
        p.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), RESULT_LINGER_MS);
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterDeserializationHandler.class);
        // no global stores; Kafka 4.x warns when a client starts without this future default (its partition
        // assignor still warns once: it builds its own config from the consumer's)
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        p.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProductionHandler.class);
        p.put(DeadLetterSink.CONFIG, new DeadLetterSink(topics.deadLetters().name(), "Frame",
                serdes().valueSerde(topics.deadLetters()).serializer(), metrics.deadLetterCounts()));
        p.putAll(kafkaOverrides());
        return p;
    }
}
