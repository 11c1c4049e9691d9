package io.spikestream.app;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.runtime.SegmentationRuntime;
import io.spikestream.inference.runtime.bench.Timings;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.scenes.SceneGenerator;
import io.spikestream.sink.SinkConfig;
import io.spikestream.sink.SinkService;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.vision.RgbImage;
import io.spikestream.vision.SegmenterMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code spikestream bench pipeline}: how close each stage comes to the bare model, on the embedded broker with N
 * synthetic cameras (replayed, so every frame is segmented). In one run: the bare model's forward pass on the
 * cameras' frames; ingest filling the frames topic; the inference stage alone draining that backlog (and where its
 * time per frame goes); the sink alone draining the results (its rate from its mask files' times); then all stages
 * together, first with the cameras at full speed, then paced at 80% of that rate for the latency (the sink's
 * capture-to-written {@code latency_ms} of those frames, each camera's first two left out and its first reported).
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = "Frames/s of the bare model, the inference stage, the sink and the whole pipeline, with N"
                + " cameras.")
final class PipelineBench implements Callable<Integer> {

    private static final Duration SINK_TIMEOUT = Duration.ofMinutes(10);
    /** Untimed passes first: libtorch's first passes at a size allocate and tune (3 were too few: 257 ms, not 90). */
    private static final int MODEL_WARMUP = 8;
    private static final int MODEL_RUNS = 20;
    /**
     * A camera's first frames wait for its ingest and sink paths to start (about 0.7 s for the first, 0.2-0.3 s for
     * the next, against 150 ms after): the latency quantiles leave them out and the first is reported on its own.
     */
    private static final int WARM_UP_FRAMES = 2;

    @Spec
    CommandSpec spec;

    @Mixin
    InferCommand.Flags model;

    @Option(names = "--cameras", defaultValue = "1", description = "Synthetic cameras, each its own seed and"
            + " partition (default: ${DEFAULT-VALUE})")
    int cameras;

    @Option(names = "--frames", defaultValue = "30", description = "Frames per camera in each phase (default:"
            + " ${DEFAULT-VALUE})")
    int frames;

    @Mixin
    FrameSizeOptions frameSize;

    @Override
    public Integer call() throws Exception {
        if (cameras < 1 || cameras > 64 || frames < 5) {
            throw new IllegalArgumentException("--cameras must be 1..64 and --frames at least 5; got " + cameras + ", "
                    + frames);
        }
        PrintWriter out = spec.commandLine().getOut();
        Path work = Files.createTempDirectory("spikestream-pipeline-bench-");
        try {
            run(out, work);
        } finally {
            deleteRecursively(work);
        }
        return 0;
    }

    private void run(PrintWriter out, Path work) throws Exception {
        InferenceConfig settings;
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                ResultArrivals arrivals = new ResultArrivals(broker.bootstrapServers())) {
            settings = new InferenceConfig(inferenceSettings(broker, work));
            double modelRate = modelRate(settings, out);
            BenchCameras bench = new BenchCameras(broker.bootstrapServers(), frameSize.width, frameSize.height,
                    cameras);
            long total = (long) cameras * frames;
            List<BenchCameras.Camera> backlog = clips("pipeline-backlog-", 9500, "max");
            long t0 = System.nanoTime();
            bench.run(backlog, Duration.ofMinutes(10));
            print(out, "ingest frames/s: %.2f (%d cameras filling the frames topic)", total / seconds(t0), cameras);
            try (InferenceService inference = new InferenceService(settings)) {
                inference.start();
                double stageRate = ResultArrivals.rate(arrivals.awaitAll(total,
                        ResultArrivals.drainTimeout(total, modelRate / 4)));
                print(out, "inference stage frames/s: %.2f", stageRate);
                print(out, "stage/model ratio: %.3f", stageRate / modelRate);
                printStageTimes(out, inference.metrics(), inference.segmenterMetrics());
                // one sink for the rest: a restarted Streams member waits out its predecessor's session (45 s)
                try (SinkService sink = new SinkService(new SinkConfig(sinkSettings(broker, work)))) {
                    sink.start();
                    awaitWritten(sink, total);
                    double sinkRate = writeRate(layout(work), backlog);
                    print(out, "sink frames/s: %.2f (masks, overlays, statistics and evaluation written)", sinkRate);
                    print(out, "sink/stage ratio: %.2f", sinkRate / stageRate);
                    double pipelineRate = together(bench, sink, clips("pipeline-max-", 9600, "max"));
                    print(out, "pipeline frames/s: %.2f (all stages, cameras at full speed)", pipelineRate);
                    print(out, "pipeline/model ratio: %.3f", pipelineRate / modelRate);
                    double paced = 0.8 * pipelineRate / cameras;
                    List<BenchCameras.Camera> pacedClips = clips("pipeline-paced-", 9700,
                            String.format(Locale.ROOT, "fixed:%.3f", paced));
                    together(bench, sink, pacedClips);
                    List<Double> steady = latencies(layout(work), pacedClips, WARM_UP_FRAMES, frames);
                    List<Double> first = latencies(layout(work), pacedClips, 0, 1);
                    print(out, "paced at: %.2f frames/s (80%% of the pipeline's)", paced * cameras);
                    print(out, "latency p50 ms: %.0f", OverloadReport.quantile(steady, 0.5));
                    print(out, "latency p99 ms: %.0f", OverloadReport.quantile(steady, 0.99));
                    print(out, "first frame latency ms: %.0f (slowest camera; its ingest and sink paths start)",
                            OverloadReport.quantile(first, 1.0));
                }
            }
        }
    }

    /** One clip per camera, the cameras spread evenly over the partitions so that stream threads can batch them. */
    private List<BenchCameras.Camera> clips(String prefix, long seed, String pacing) {
        List<BenchCameras.Camera> list = new ArrayList<>();
        List<String> ids = BenchCameras.spreadIds(prefix, cameras, cameras);
        for (int i = 0; i < cameras; i++) {
            list.add(new BenchCameras.Camera(ids.get(i), seed + i, frames, pacing, "replay"));
        }
        return list;
    }

    /** Forward passes per second of the stage's model on the cameras' frames, one per pass, after warm-up; printed. */
    /**
     * The bare model's rate, measured on a thread of its own that has ended when this returns: a thread that ran
     * libtorch's parallel operators would slow the inference stage's passes for as long as it lived
     * ({@code TorchThreads}).
     */
    private double modelRate(InferenceConfig settings, PrintWriter out) throws Exception {
        FutureTask<Double> measure = new FutureTask<>(() -> measureModel(settings, out));
        Thread bench = new Thread(measure, "bench-model");
        bench.start();
        bench.join();
        try {
            return measure.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    private double measureModel(InferenceConfig settings, PrintWriter out) throws IOException {
        List<RgbImage> images = new ArrayList<>();
        for (int i = 0; i < cameras; i++) {
            SceneGenerator scenes = SceneGenerator.builder().setSeed(9500 + i)
                    .optSize(frameSize.width, frameSize.height).build();
            for (int f = 0; f < Math.min(frames, 10); f++) {
                images.add(RgbImage.of(scenes.render(f).image()));
            }
        }
        try (SegmentationRuntime runtime = settings.model().open()) {
            double[] millis = new double[MODEL_RUNS];
            for (int k = 0; k < MODEL_WARMUP + MODEL_RUNS; k++) {
                long forward = runtime.segment(List.of(images.get(k % images.size())), Collections.singletonList(null),
                        new SegmentationRuntime.RunOptions(false, false)).inferenceNanos();
                if (k >= MODEL_WARMUP) {
                    millis[k - MODEL_WARMUP] = forward / 1e6;
                }
            }
            double rate = 1000 / new Timings(millis).median();
            print(out, "model frames/s: %.2f (forward pass, batch 1, %s at %dx%d)", rate, runtime.modelId(),
                    runtime.inputHeight(), runtime.inputWidth());
            return rate;
        }
    }

    private static void printStageTimes(PrintWriter out, InferenceMetrics m, SegmenterMetrics s) {
        double decode = m.meanDecodeMicros() / 1000;
        double wait = m.meanQueueWaitMicros() / 1000;
        double forward = m.meanInferenceMicros() / 1000;
        double total = m.meanTotalMicros() / 1000;
        print(out, "stage ms per frame: total %.1f = decode %.1f + batch wait %.1f + forward %.1f + other %.1f"
                + " (preprocess, semantic inference, mask encoding, accounting)", total, decode, wait, forward,
                total - decode - wait - forward);
        print(out, "%s", BatchSummary.line(s));
    }

    /** Publishes the clips with inference and the sink running; frames/s from the first publish to the last mask. */
    private double together(BenchCameras bench, SinkService sink, List<BenchCameras.Camera> clips) throws Exception {
        long written = sink.metrics().resultsWritten();
        long t0 = System.nanoTime();
        bench.run(clips, Duration.ofMinutes(10));
        long n = clips.stream().mapToLong(BenchCameras.Camera::frames).sum();
        awaitWritten(sink, written + n);
        return n / seconds(t0);
    }

    /** Masks per second the sink wrote for {@code clips}, between its first and its last mask file (their mtimes). */
    private static double writeRate(OutputLayout layout, List<BenchCameras.Camera> clips) throws IOException {
        List<Long> times = new ArrayList<>();
        for (BenchCameras.Camera c : clips) {
            for (long seq = 0; seq < c.frames(); seq++) {
                times.add(Files.getLastModifiedTime(layout.maskFile(c.id(), seq)).to(TimeUnit.MICROSECONDS));
            }
        }
        Collections.sort(times);
        return (times.size() - 1) * 1e6 / Math.max(1, times.get(times.size() - 1) - times.get(0));
    }

    /**
     * The sink's end-to-end latencies (capture to written, {@code stats.csv}'s {@code latency_ms}) of each clip's
     * frames with sequence in {@code [from, to)}.
     */
    private static List<Double> latencies(OutputLayout layout, List<BenchCameras.Camera> clips, long from, long to)
            throws IOException {
        List<Double> ms = new ArrayList<>();
        for (BenchCameras.Camera c : clips) {
            List<String> rows = Files.readAllLines(layout.statsCsv(c.id()));
            List<String> header = Arrays.asList(rows.get(0).split(","));
            int sequence = header.indexOf("sequence");
            int latency = header.indexOf("latency_ms");
            rows.stream().skip(1).map(r -> r.split(","))
                    .filter(r -> Long.parseLong(r[sequence]) >= from && Long.parseLong(r[sequence]) < to)
                    .map(r -> Double.parseDouble(r[latency])).forEach(ms::add);
        }
        return ms;
    }


    private static OutputLayout layout(Path work) {
        return new OutputLayout(work.resolve("out"));
    }

    /** Waits until the sink wrote {@code count} masks in all. */
    private static void awaitWritten(SinkService sink, long count) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + SINK_TIMEOUT.toNanos();
        long written;
        while ((written = sink.metrics().resultsWritten()) < count) {
            if (System.nanoTime() > deadline || sink.failure().isDone()) {
                throw new TimeoutException("the sink wrote " + written + " of " + count + " masks; failure: "
                        + sink.failure().getNow(null));
            }
            Thread.sleep(20);
        }
    }

    private Map<String, Object> inferenceSettings(EmbeddedBroker broker, Path work) {
        Map<String, Object> m = model.settings();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, cameras);
        m.put(InferenceConfig.STATE_DIR_CONFIG, work.resolve("infer-state").toString());
        return m;
    }

    private static Map<String, Object> sinkSettings(EmbeddedBroker broker, Path work) {
        Map<String, Object> m = new HashMap<>();
        m.put(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(SinkConfig.OUTPUT_DIR_CONFIG, work.resolve("out").toString());
        m.put(SinkConfig.STATE_DIR_CONFIG, work.resolve("sink-state").toString());
        return m;
    }


    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void print(PrintWriter out, String format, Object... args) {
        out.printf(Locale.ROOT, format + "%n", args);
        out.flush();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
