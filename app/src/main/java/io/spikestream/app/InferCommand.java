package io.spikestream.app;

import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spikestream infer}: the Kafka Streams inference stage. */
@Command(name = "infer", mixinStandardHelpOptions = true,
        description = "Segment the frames topic into the results topic with Spike2Former, batching cameras into one"
                + " forward pass (per frame, change-driven with --state-mode delta, or reusing key frames with --state-mode"
                + " keyframe). Runs until interrupted.")
final class InferCommand implements Callable<Integer> {

    @Mixin
    StageOptions stage;

    @Mixin
    Flags flags;

    @Mixin
    HttpOptions http;

    @Override
    public Integer call() throws Exception {
        InferenceConfig config = new InferenceConfig(stage.resolve(InferenceConfig.configDef(), flags.toMap()));
        try (InferenceService service = new InferenceService(config);
                StageEndpoint endpoint = StageEndpoint.open(http, System.err::println)) {
            endpoint.liveness(StageChecks.notFailed("infer", service.failure()))
                    .readiness(StageChecks.inference(service));
            service.bindMetrics(endpoint.registry());
            ShutdownSignal shutdown = ShutdownSignal.closing(service::close, "infer-shutdown");
            service.start();
            System.err.println("inference running (" + service.segmenterMetrics() + "); Ctrl-C to stop");
            Throwable failure = shutdown.awaitOr(service.failure());
            if (failure != null) {
                throw new IllegalStateException("inference stopped: its stream thread failed", failure);
            }
        }
        return 0;
    }

    /** The inference flags, also used by the demo. */
    static final class Flags {

        @Option(names = "--preset", description = "Model architecture (default: from --weights, else tiny-cityscapes)")
        String preset;

        @Option(names = "--weights", description = ModelOptions.WEIGHTS_HELP)
        String weights;

        @Option(names = "--device", description = "cpu, gpu or gpu:N (default: cpu)")
        String device;

        @Option(names = "--height", description = ModelOptions.HEIGHT_HELP)
        Integer height;

        @Option(names = "--width", description = "Network input width, multiple of 32 (default: per preset)")
        Integer width;

        @Option(names = "--batch-size", description = "Most cameras per forward pass (default: 4)")
        Integer batchSize;

        @Option(names = "--workers", paramLabel = "N", description = "Inference threads sharing the model, each running"
                + " whole passes on one core: frames of different cameras are segmented side by side (default: one per"
                + " core; delta mode: 1)")
        Integer workers;

        @Option(names = "--live-max-age-ms", description = "The oldest a live frame's result should be (ingest --live):"
                + " frames that would be older are skipped and reported as skipped, so live latency stays bounded; at"
                + " least twice a frame's time through inference; 0 = never skip; replay frames are never skipped (default: "
                + InferenceConfig.LIVE_MAX_AGE_MS_DEFAULT + ")")
        Long liveMaxAgeMs;

        @Option(names = "--state-mode", description = "reset (a full pass per frame), delta (recompute only the"
                + " tiles that changed) or keyframe (moving cameras: frames between key frames reuse the key frame's"
                + " context; needs weights trained for it); docs/streaming-state.md (default: the mode stored with the"
                + " weights, keyframe for the shipped ones, else " + InferenceConfig.STATE_MODE_DEFAULT + ")")
        String stateMode;

        @Mixin
        KeyFrameOptions keyFrames = new KeyFrameOptions();

        @Option(names = "--delta-threshold", description = "With --state-mode delta: grey levels (0..255) a pixel"
                + " must change by for its tile to be recomputed; 0 = exact (default: " + DeltaSettings.DEFAULT_THRESHOLD + ")")
        Double deltaThreshold;

        @Option(names = "--delta-tile", description = "With --state-mode delta: tile edge, 16 or 32 input pixels"
                + " (default: " + DeltaSettings.DEFAULT_TILE + ")")
        Integer deltaTile;

        @Option(names = "--delta-context-bound", description = "With --state-mode delta: a camera keeps its context"
                + " (1/8 level and coarser) while at most this share of its input tiles differ from the input the"
                + " context was computed from; 0 = recompute it at every change (default: "
                + DeltaSettings.DEFAULT_CONTEXT_BOUND + ", 0 with --delta-threshold 0)")
        Double deltaContextBound;

        @Option(names = "--state-carry", hidden = true, arity = "1", description = "Retired; fails with a hint")
        String stateCarry;

        @Option(names = "--exactly-once", description = "processing.guarantee=exactly_once_v2")
        boolean exactlyOnce;

        Map<String, Object> toMap() {
            Map<String, Object> m = new HashMap<>();
            m.put(InferenceConfig.MODEL_PRESET_CONFIG, preset);
            m.put(InferenceConfig.MODEL_WEIGHTS_CONFIG, weights);
            m.put(InferenceConfig.MODEL_DEVICE_CONFIG, device);
            m.put(InferenceConfig.INPUT_HEIGHT_CONFIG, height);
            m.put(InferenceConfig.INPUT_WIDTH_CONFIG, width);
            m.put(InferenceConfig.BATCH_MAX_SIZE_CONFIG, batchSize);
            m.put(InferenceConfig.INFERENCE_WORKERS_CONFIG, workers);
            m.put(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, liveMaxAgeMs);
            m.put(InferenceConfig.STATE_MODE_CONFIG, stateMode);
            m.put(InferenceConfig.KEYFRAME_INTERVAL_CONFIG, keyFrames.interval);
            m.put(InferenceConfig.KEYFRAME_ADAPTIVE_CONFIG, keyFrames.adaptiveChange);
            m.put(InferenceConfig.DELTA_THRESHOLD_CONFIG, deltaThreshold);
            m.put(InferenceConfig.DELTA_TILE_CONFIG, deltaTile);
            m.put(InferenceConfig.DELTA_CONTEXT_BOUND_CONFIG, deltaContextBound);
            m.put(InferenceConfig.STATE_CARRY_CONFIG, stateCarry);
            m.put(InferenceConfig.PROCESSING_GUARANTEE_CONFIG, exactlyOnce ? "exactly_once_v2" : null);
            return m;
        }

        /** The flags that were given, paths as strings: settings for an in-process inference stage. */
        Map<String, Object> settings() {
            Map<String, Object> m = new HashMap<>();
            toMap().forEach((k, v) -> {
                if (v != null) {
                    m.put(k, v instanceof Path ? v.toString() : v);
                }
            });
            return m;
        }
    }
}
