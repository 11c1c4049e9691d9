package io.spikestream.app;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream bench overload}: live (or replayed) synthetic cameras offered frames faster than the
 * inference stage can segment them, on the embedded broker. It first measures the stage's own rate on a replayed
 * clip, then offers {@code --load} times that rate for {@code --seconds}, and reports latency, its growth, and how
 * every captured frame was accounted for ({@link OverloadReport}).
 */
@Command(name = "overload", mixinStandardHelpOptions = true,
        description = "Latency and shedding of live cameras offered more frames than inference can segment.")
final class OverloadBench implements Callable<Integer> {

    private static final String CALIBRATION_CAMERA = "overload-calibration";

    @Spec
    CommandSpec spec;

    @Mixin
    InferCommand.Flags model;

    @Option(names = "--cameras", defaultValue = "1", description = "Cameras offering frames (default: ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--seconds", defaultValue = "60", description = "How long the cameras run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--load", defaultValue = "3", description = "Frames offered per second, as a multiple of the"
            + " inference stage's measured rate, shared by the cameras (default: ${DEFAULT-VALUE})")
    double load;

    @Option(names = "--camera-rates", split = ",", description = "Relative frame rates of the cameras, e.g. 1,3 (default:"
            + " equal)")
    List<Double> cameraRates;

    @Option(names = "--replay", description = "Publish the cameras' frames as replay (every frame segmented) instead of live")
    boolean replay;

    @Option(names = "--calibration-frames", defaultValue = "30", description = "Replayed frames that measure the"
            + " inference stage's rate first (default: ${DEFAULT-VALUE})")
    int calibrationFrames;

    @Mixin
    FrameSizeOptions frameSize;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Path state = Files.createTempDirectory("spikestream-overload-state-");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                InferenceService inference = new InferenceService(new InferenceConfig(inferenceSettings(broker,
                        state)));
                ResultArrivals arrivals = new ResultArrivals(broker.bootstrapServers())) {
            inference.start();
            double rate = calibrate(broker, arrivals);
            List<Double> rates = offeredRates(load * rate);
            out.printf(Locale.ROOT, "inference stage frames/s: %.2f%n", rate);
            out.printf(Locale.ROOT, "offered frames/s: %.2f (%d %s camera%s at %s)%n", load * rate, cameras,
                    replay ? "replayed" : "live", cameras == 1 ? "" : "s", rates.stream()
                            .map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
            out.flush();
            BenchCameras.Sent sent = runCameras(broker, rates);
            List<OverloadReport.Arrival> results = arrivals.awaitAll(sent.published(),
                    ResultArrivals.drainTimeout(sent.published(), rate));
            new OverloadReport(results, sent.published(), sent.dropped()).print(out);
        }
        return 0;
    }

    private void validate() {
        if (cameras < 1 || !(seconds > 0) || !(load > 0) || calibrationFrames < 5) {
            throw new IllegalArgumentException("--cameras must be at least 1, --seconds and --load positive and"
                    + " --calibration-frames at least 5; got " + cameras + ", " + seconds + ", " + load + ", "
                    + calibrationFrames);
        }
        if (cameraRates != null
                && (cameraRates.size() != cameras || cameraRates.stream().anyMatch(w -> !(w > 0)))) {
            throw new IllegalArgumentException("--camera-rates needs one positive number per camera (--cameras "
                    + cameras + "), got " + cameraRates);
        }
    }

    /** Each camera's frames per second: {@code total} split by {@code --camera-rates}. */
    private List<Double> offeredRates(double total) {
        List<Double> w = cameraRates == null ? Collections.nCopies(cameras, 1.0) : cameraRates;
        double sum = w.stream().mapToDouble(Double::doubleValue).sum();
        return w.stream().map(x -> total * x / sum).toList();
    }

    /** Frames per second the running inference stage segments, from a replayed clip after its first frame. */
    private double calibrate(EmbeddedBroker broker, ResultArrivals arrivals) throws Exception {
        benchCameras(broker).run(List.of(new BenchCameras.Camera(CALIBRATION_CAMERA, 9399, calibrationFrames, "max",
                "replay")), Duration.ofMinutes(10));
        List<OverloadReport.Arrival> done = arrivals.awaitAll(calibrationFrames, Duration.ofMinutes(10));
        arrivals.clear();
        return ResultArrivals.rate(done);
    }

    /** Runs the cameras to the end; returns their frames sent and dropped before publishing, summed. */
    private BenchCameras.Sent runCameras(EmbeddedBroker broker, List<Double> rates) throws Exception {
        List<BenchCameras.Camera> list = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            list.add(new BenchCameras.Camera("overload-" + i, 9400 + i, Math.max(1, Math.round(seconds * rates.get(i))),
                    String.format(Locale.ROOT, "fixed:%.3f", rates.get(i)), replay ? "replay" : "live"));
        }
        return benchCameras(broker).run(list, Duration.ofSeconds((long) (2 * seconds) + 60));
    }

    private BenchCameras benchCameras(EmbeddedBroker broker) {
        return new BenchCameras(broker.bootstrapServers(), frameSize.width, frameSize.height, cameras + 1);
    }

    private Map<String, Object> inferenceSettings(EmbeddedBroker broker, Path state) {
        Map<String, Object> m = model.settings();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, cameras + 1);
        m.put(InferenceConfig.STATE_DIR_CONFIG, state.toString());
        return m;
    }

}
