package io.spikestream.app;

import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.source.InputException;
import io.spikestream.ingest.service.IngestService;
import io.spikestream.ingest.service.ProgressBar;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code spikestream ingest}: frames from a video, camera, image folder or synthetic scene into Kafka. */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Publish frames of a video file, RTSP/HTTP camera, V4L2 device, image folder (Cityscapes"
                + " naming with ground truth) or synthetic driving scene to the frames topic.")
final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    StageOptions stage;

    @Option(names = "--input", required = true, description = "video file, image folder, rtsp://..., http(s)://...,"
            + " /dev/videoN or v4l2:N, or synthetic:seed=7,frames=300,width=1024,height=512[,camera=fixed]"
            + " (camera: driving, the default, or fixed for a parked camera)")
    String input;

    @Option(names = "--camera-id", description = "Camera id, the Kafka key (default: derived from the input)")
    String cameraId;

    @Option(names = "--pacing", description = "source (the input's frame rate), max, or fixed:<fps> (default: source)")
    String pacing;

    @Option(names = "--replay", description = "Send every frame (default for files and folders)")
    boolean replay;

    @Option(names = "--live", description = "Drop to the newest frame when behind (default for cameras)")
    boolean live;

    @Option(names = "--frames", description = "Stop after this many frames (default: all)")
    Integer frames;

    @Option(names = "--loop", description = "Replay a file or folder forever")
    Boolean loop;

    @Option(names = "--allow-truncated", description = "Accept a video file with fewer frames than its container"
            + " announces (a warning instead of an error)")
    Boolean allowTruncated;

    @Option(names = "--sequence-start", description = "Sequence of the camera's first frame (default: continue"
            + " after the highest sequence the frames topic holds for the camera, or 0)")
    Long sequenceStart;

    @Mixin
    HttpOptions http;

    @Option(names = "--verbose", description = "On an error, also print its stack trace")
    boolean verbose;

    @Override
    public Integer call() throws Exception {
        if (replay && live) {
            throw new IllegalArgumentException("--replay and --live exclude each other");
        }
        Map<String, Object> flags = new HashMap<>();
        flags.put(IngestConfig.SOURCE_CONFIG, input);
        flags.put(IngestConfig.CAMERA_ID_CONFIG, cameraId);
        flags.put(IngestConfig.PACING_CONFIG, pacing);
        flags.put(IngestConfig.DELIVERY_CONFIG, replay ? "replay" : live ? "live" : null);
        flags.put(IngestConfig.MAX_FRAMES_CONFIG, frames);
        flags.put(IngestConfig.LOOP_CONFIG, loop);
        flags.put(IngestConfig.ALLOW_TRUNCATED_CONFIG, allowTruncated);
        flags.put(IngestConfig.SEQUENCE_START_CONFIG, sequenceStart);
        IngestConfig config = new IngestConfig(stage.resolve(IngestConfig.configDef(), flags));
        try (StageEndpoint endpoint = StageEndpoint.open(http, System.err::println);
                IngestService service = IngestService.builder(config).optMeterRegistry(endpoint.registry())
                        .optListener(ProgressBar.on(System.err, ProgressBar.stdoutIsTerminal())).build()) {
            endpoint.liveness(StageChecks.notFailed("ingest", service::failure))
                    .readiness(StageChecks.ingest(service));
            Runtime.getRuntime().addShutdownHook(new Thread(service::close, "ingest-shutdown"));
            service.start();
            while (!service.awaitCompletion(java.time.Duration.ofSeconds(1))) {
                // progress is drawn by the listener
            }
            if (service.failure().isPresent()) {
                Throwable failure = service.failure().get();
                spec.commandLine().getErr().println("error: " + failure.getMessage());
                if (verbose) {
                    failure.printStackTrace(spec.commandLine().getErr());
                }
                // a truncated input is the user's to fix, like an unreadable one: the same exit code
                return failure instanceof InputException ? ErrorReporter.USAGE_ERROR : 1;
            }
        }
        return 0;
    }
}
