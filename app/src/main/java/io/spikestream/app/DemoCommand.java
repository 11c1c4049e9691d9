package io.spikestream.app;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.ingest.source.SyntheticSpec;
import io.spikestream.scenes.SceneGenerator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream demo}: the whole pipeline in one JVM on an embedded Kafka broker (or an existing
 * cluster), from synthetic clips (driving or fixed camera; {@code --cameras N} publishes N at once), a video file
 * or a camera to masks, overlays and statistics.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run ingest -> Kafka -> inference -> sink in one JVM on an embedded single-node Kafka broker"
                + " and print a summary.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--frames", defaultValue = "30", description = "Frames to process per camera (default:"
            + " ${DEFAULT-VALUE})")
    int frames;

    @Option(names = "--cameras", defaultValue = "1", paramLabel = "N", description = "Synthetic cameras publishing at"
            + " once, 1.." + DemoCameras.MAX + ": demo-cam-0..demo-cam-<N-1>, camera i rendering seed + i; their"
            + " frames share forward passes (default: ${DEFAULT-VALUE}, camera demo-cam)")
    int cameras;

    @Option(names = "--out", defaultValue = "demo-out", description = "Output folder (default: ${DEFAULT-VALUE})")
    Path out;

    @ArgGroup(exclusive = true)
    Input input = new Input();

    @Mixin
    FrameSizeOptions frameSize;

    @Option(names = "--seed", defaultValue = "9100", description = "Synthetic scene seed of the first camera"
            + " (default: ${DEFAULT-VALUE}, a clip held out from training, which uses seeds below 9000)")
    long seed;

    @Option(names = "--allow-truncated", description = "With --video: accept a file with fewer frames than its"
            + " container announces (a warning instead of an error)")
    boolean allowTruncated;

    @Option(names = "--live", description = "Publish as a live camera at the source's frame rate: frames inference"
            + " reaches too late are skipped and counted (--live-max-age-ms) instead of queueing (default: files and"
            + " synthetic clips are replayed at full speed, every frame segmented; cameras are live)")
    boolean live;

    @Option(names = "--bootstrap-servers", description = "Use this Kafka cluster instead of the embedded broker")
    String bootstrapServers;

    @Option(names = "--verbose", description = "Print the stages' and libraries' log lines on the console (default:"
            + " they go to a log file, named at the end)")
    boolean verbose;

    @Option(names = "--timeout", defaultValue = "PT10M", description = "Give up after this long (default: 10 minutes)")
    Duration timeout;

    @Mixin
    SceneCameraOption sceneCamera;

    @Mixin
    HttpOptions http;

    @Option(names = "--linger", defaultValue = "0", paramLabel = "S", description = "With --http-port: keep the live"
            + " page, /metrics and /health up S seconds after the summary, for a person or Prometheus to look"
            + " (default: ${DEFAULT-VALUE})")
    int lingerSeconds;

    @Mixin
    InferCommand.Flags model;

    /** Where frames come from: one of these, or a synthetic clip. */
    static final class Input {

        @Option(names = "--video", description = "A video file instead of the synthetic clip")
        Path video;

        @Option(names = "--camera", description = "A camera URL (rtsp://, http://) or V4L2 device instead")
        String camera;
    }

    @Override
    public Integer call() throws Exception {
        if (frames <= 0) {
            throw new IllegalArgumentException("--frames must be positive, got " + frames);
        }
        http.validate();
        if (lingerSeconds < 0 || (lingerSeconds > 0 && !http.enabled())) {
            throw new IllegalArgumentException("--linger needs --http-port and a number of seconds >= 0, got "
                    + lingerSeconds + (http.enabled() ? "" : " without --http-port"));
        }
        DemoPlan plan = new DemoPlan(frames, out, cameras(), model.settings(), timeout, allowTruncated, live);
        new InferenceConfig(plan.inferenceSettings()); // bad inference settings fail before a broker starts
        try {
            return run(plan);
        } finally {
            LogDestination.summaryLine().ifPresent(spec.commandLine().getOut()::println);
        }
    }

    private int run(DemoPlan plan) throws Exception {
        if (bootstrapServers != null) {
            return demoRun(plan, bootstrapServers).run();
        }
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            return demoRun(plan, broker.bootstrapServers()).run();
        }
    }

    private DemoRun demoRun(DemoPlan plan, String bootstrap) {
        return new DemoRun(plan, bootstrap, spec.commandLine().getOut(), System.console() != null, http,
                Duration.ofSeconds(lingerSeconds));
    }

    /**
     * The cameras to publish: the video file or camera URL, or {@code --cameras} synthetic clips.
     *
     * @throws IllegalArgumentException when {@code --scene-camera} or {@code --cameras} does not fit the input
     */
    List<DemoCamera> cameras() {
        boolean synthetic = input.video == null && input.camera == null;
        sceneCamera.requireSynthetic(synthetic, "--video or --camera");
        DemoCameras.check(cameras, synthetic);
        if (!synthetic) {
            return DemoCameras.single(input.video != null ? input.video.toString() : input.camera);
        }
        return DemoCameras.synthetic(cameras, new SyntheticSpec(seed, frames, frameSize.width, frameSize.height,
                SceneGenerator.DEFAULT_FRAMES, sceneCamera.kind()));
    }
}
