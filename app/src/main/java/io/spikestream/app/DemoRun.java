package io.spikestream.app;

import io.spikestream.inference.runtime.ModelSelection;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.source.InputException;
import io.spikestream.ingest.source.SyntheticSpec;
import io.spikestream.schemas.Topics;
import io.spikestream.sink.SinkConfig;
import io.spikestream.sink.SinkMetrics;
import io.spikestream.sink.SinkService;
import io.spikestream.sink.files.OutputLayout;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.ConfusionMatrix;
import io.spikestream.vision.SegmenterMetrics;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * One demo run against a broker: starts inference and sink, then an ingest per camera, waits for every frame,
 * prints a summary.
 */
final class DemoRun {

    private final DemoPlan plan;
    private final String bootstrap;
    private final PrintWriter out;
    private final boolean terminal;
    private final HttpOptions http;
    private final Duration linger;
    private long lastLine;

    /** A run without an HTTP endpoint. */
    DemoRun(DemoPlan plan, String bootstrap, PrintWriter out, boolean terminal) {
        this(plan, bootstrap, out, terminal, new HttpOptions(), Duration.ZERO);
    }

    /** A run that serves metrics, health and the live page as {@code http} says, {@code linger} longer. */
    DemoRun(DemoPlan plan, String bootstrap, PrintWriter out, boolean terminal, HttpOptions http, Duration linger) {
        this.plan = plan;
        this.bootstrap = bootstrap;
        this.out = out;
        this.terminal = terminal;
        this.http = http;
        this.linger = linger;
    }

    int run() throws Exception {
        replaceEarlierOutput();
        Path state = Files.createTempDirectory("spikestream-demo-state-");
        out.println("broker: " + bootstrap);
        InferenceConfig inferenceConfig = new InferenceConfig(inferenceSettings(state));
        ModelSelection model = inferenceConfig.model();
        out.println("model:  " + model.describe());
        printCameras(inferenceConfig);
        try (InferenceService inference = new InferenceService(inferenceConfig);
                SinkService sink = new SinkService(new SinkConfig(sinkSettings(state)));
                StageEndpoint endpoint = StageEndpoint.open(http, out::println)) {
            endpoint.liveness(StageChecks.notFailed("infer", inference.failure()),
                    StageChecks.notFailed("sink", sink.failure()))
                    .readiness(StageChecks.inference(inference)).readiness(StageChecks.sink(sink));
            inference.bindMetrics(endpoint.registry());
            sink.bindMetrics(endpoint.registry());
            endpoint.mountRoot(sink.livePage());
            inference.start();
            sink.start();
            long t0 = System.nanoTime();
            long dropped;
            try (DemoIngest ingest = new DemoIngest(plan.cameras(), this::ingestSettings, endpoint.registry())) {
                awaitOutputs(ingest, inference, sink, t0);
                dropped = ingest.framesDropped();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            sink.close(); // writes the evaluation files; the metrics stay readable
            printSummary(sink, inference.segmenterMetrics(), seconds);
            printIngestDrops(dropped);
            printDeadLetters(inference, sink);
            printEvaluation(sink, model.randomWeights());
            linger(endpoint);
            return 0;
        }
    }

    /** Keeps the endpoint up {@code --linger} seconds after the summary. */
    private void linger(StageEndpoint endpoint) throws InterruptedException {
        if (linger.isZero() || endpoint.server().isEmpty()) {
            return;
        }
        out.printf(Locale.ROOT, "serving %s for %d s more (live page, /metrics, /health); Ctrl-C ends it sooner%n",
                endpoint.server().get().uri(), linger.toSeconds());
        out.flush();
        Thread.sleep(linger.toMillis());
    }

    /** With several cameras: which, and how the inference stage is laid out for them. */
    private void printCameras(InferenceConfig config) {
        List<DemoCamera> cameras = plan.cameras();
        if (cameras.size() == 1) {
            return;
        }
        out.printf(Locale.ROOT, "cameras: %d synthetic, %s..%s (seeds %d..%d), on %d partitions, %d inference"
                + " stream threads%n", cameras.size(), cameras.get(0).id(), cameras.get(cameras.size() - 1).id(),
                seed(cameras.get(0)), seed(cameras.get(cameras.size() - 1)), plan.partitions(),
                config.getInt(InferenceConfig.NUM_STREAM_THREADS_CONFIG));
    }

    private static long seed(DemoCamera camera) {
        return SyntheticSpec.parse(camera.source()).seed();
    }

    /**
     * Each demo run has a new broker, whose frames are numbered from 0 again; the sink refuses to write them over
     * an earlier run's files, so the demo empties its own output folder first (and only a folder the sink wrote).
     */
    private void replaceEarlierOutput() throws IOException {
        OutputLayout layout = new OutputLayout(plan.out());
        if (!layout.holdsOnlySinkOutput()) {
            throw new IllegalArgumentException("--out " + layout.root() + " holds files SpikeStream did not write;"
                    + " the demo replaces its output folder on every run, so give it a new or empty folder");
        }
        if (Files.exists(layout.root())) {
            layout.deleteAll();
            out.println("output: " + layout.root() + " (the previous demo's files were removed)");
        }
    }

    private void awaitOutputs(DemoIngest ingest, InferenceService inference, SinkService sink, long t0)
            throws InterruptedException, TimeoutException {
        long deadline = t0 + plan.timeout().toNanos();
        while (true) {
            // failures first: a truncated input ends ingest early, and its frames alone would count as done
            if (ingest.failure().isPresent()) {
                Throwable failure = ingest.failure().get();
                if (failure instanceof InputException) {
                    // a truncated or unreadable input: the user's to fix, one line (ErrorReporter)
                    throw new IllegalArgumentException(failure.getMessage(), failure);
                }
                throw new IllegalStateException("Ingest failed: " + failure.getMessage(), failure);
            }
            Throwable inferenceFailure = inference.failure().getNow(null);
            if (inferenceFailure != null) {
                throw new IllegalStateException("Inference failed: " + inferenceFailure.getMessage(),
                        inferenceFailure);
            }
            if (done(ingest, sink)) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new TimeoutException(String.format(Locale.ROOT, "Only %d of %d frames came out within %s "
                        + "(ingested %d, segmented %d, dead letters %d); raise --timeout or lower --frames",
                        finished(sink.metrics()), plan.totalFrames(), plan.timeout(),
                        ingest.framesAcknowledged(), inference.metrics().results(),
                        inference.metrics().deadLetters()));
            }
            Thread.sleep(500);
            progress(ingest, inference, sink, t0);
        }
        if (terminal) {
            out.println();
        }
    }

    /**
     * Every frame published has its result's files: mask and overlay, or for a skipped frame its CSV row only. A
     * live camera may drop frames before publishing them; once ingest has ended only the frames it sent count.
     */
    private boolean done(DemoIngest ingest, SinkService sink) {
        boolean ended = !ingest.isRunning();
        if (ended && ingest.failure().isPresent()) {
            return false; // reported by the next round (a failure is set before ingest ends)
        }
        long expected = ended ? ingest.framesSent() : plan.totalFrames();
        SinkMetrics m = sink.metrics();
        return finished(m) >= expected && m.overlaysWritten() + m.resultsSkipped() >= expected;
    }

    private static long finished(SinkMetrics m) {
        return m.resultsWritten() + m.resultsSkipped();
    }

    private void progress(DemoIngest ingest, InferenceService inference, SinkService sink, long t0) {
        double seconds = (System.nanoTime() - t0) / 1e9;
        if (!terminal && System.nanoTime() - lastLine < 5_000_000_000L) {
            return;
        }
        lastLine = System.nanoTime();
        long written = sink.metrics().resultsWritten();
        out.printf(Locale.ROOT, (terminal ? "\r" : "") + "%5.1fs  ingested %d/%d  segmented %d  written %d  overlays %d  (%.2f frames/s)   ",
                seconds, ingest.framesAcknowledged(), plan.totalFrames(), inference.metrics().results(),
                written, sink.metrics().overlaysWritten(), written / Math.max(seconds, 1e-3));
        if (!terminal) {
            out.println();
        }
        out.flush();
    }

    private void printSummary(SinkService sink, SegmenterMetrics batching, double seconds) {
        SinkMetrics m = sink.metrics();
        out.printf(Locale.ROOT, "frames: %d in %.1f s, %.2f frames/s end to end%n", m.resultsWritten(), seconds,
                m.resultsWritten() / seconds);
        out.printf(Locale.ROOT, "end-to-end latency (capture -> mask written): p50 %.0f ms, p99 %.0f ms%n",
                m.latencyQuantile(0.5), m.latencyQuantile(0.99));
        SkipSummary.line(m.skippedByReason()).ifPresent(out::println);
        out.println(RecomputeSummary.line(m.recompute()));
        if (plan.cameras().size() > 1) {
            out.println(BatchSummary.line(batching));
        }
        CameraLines.lines(plan.cameras(), plan.out(), m.recomputePerCamera(),
                sink.evaluation().snapshot().perCamera()).forEach(out::println);
    }

    private void printIngestDrops(long dropped) {
        if (dropped > 0) {
            out.printf(Locale.ROOT, "dropped by ingest: %d frames (the live camera ran ahead of publishing)%n",
                    dropped);
        }
    }

    private void printDeadLetters(InferenceService inference, SinkService sink) {
        long frames = inference.metrics().deadLetters();
        long results = sink.metrics().deadLetters();
        if (frames + results > 0) {
            out.printf(Locale.ROOT, "dead letters: %d frames (%s), %d results and records the sink could not read"
                    + " (%s)%n", frames, Topics.DEAD_LETTERS.name(), results, Topics.RESULT_DEAD_LETTERS.name());
        }
    }

    private void printEvaluation(SinkService sink, boolean randomWeights) {
        ConfusionMatrix total = sink.evaluation().snapshot().total();
        if (sink.metrics().framesEvaluated() == 0) {
            return;
        }
        int cameras = plan.cameras().size();
        out.printf(Locale.ROOT, "mIoU against ground truth: %.1f (%d frames%s; %s)%n", 100 * total.meanIoU(),
                sink.metrics().framesEvaluated(), cameras == 1 ? "" : " of " + cameras + " cameras",
                plan.out().toAbsolutePath().resolve("evaluation.json"));
        if (randomWeights) {
            out.println("(random weights: pass --weights for meaningful masks; classes: "
                    + Cityscapes.NUM_CLASSES + ")");
        }
    }

    private Map<String, Object> inferenceSettings(Path state) {
        Map<String, Object> m = plan.inferenceSettings();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(InferenceConfig.NUM_STREAM_THREADS_CONFIG, plan.streamThreads());
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, plan.partitions());
        m.put(InferenceConfig.STATE_DIR_CONFIG, state.resolve("inference").toString());
        return m;
    }

    private Map<String, Object> sinkSettings(Path state) throws IOException {
        Map<String, Object> m = new HashMap<>();
        m.put(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(SinkConfig.OUTPUT_DIR_CONFIG, plan.out().toAbsolutePath().toString());
        m.put(SinkConfig.STATE_DIR_CONFIG, state.resolve("sink").toString());
        m.put(SinkConfig.JOIN_WINDOW_MS_CONFIG, 60_000L);
        m.put(SinkConfig.STATS_WINDOW_MS_CONFIG, 5_000L);
        return m;
    }

    private Map<String, Object> ingestSettings(DemoCamera camera) {
        Map<String, Object> m = new HashMap<>();
        m.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        m.put(IngestConfig.SOURCE_CONFIG, camera.source());
        m.put(IngestConfig.CAMERA_ID_CONFIG, camera.id());
        m.put(IngestConfig.PACING_CONFIG, plan.live() ? "source" : "max");
        m.put(IngestConfig.DELIVERY_CONFIG, plan.live() ? "live" : "auto");
        m.put(IngestConfig.MAX_FRAMES_CONFIG, plan.frames());
        m.put(IngestConfig.ALLOW_TRUNCATED_CONFIG, plan.allowTruncated());
        return m;
    }
}
