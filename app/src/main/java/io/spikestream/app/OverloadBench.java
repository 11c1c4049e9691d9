package io.spikestream.app;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import io.spikestream.ingest.config.IngestConfig;
import io.spikestream.ingest.service.IngestService;
import io.spikestream.ingest.source.SyntheticSpec;
import io.spikestream.scenes.SceneGenerator;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.SegmentationResult;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
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

    @Option(names = "--frame-width", defaultValue = "512", description = "Synthetic frame width (default: ${DEFAULT-VALUE})")
    int frameWidth;

    @Option(names = "--frame-height", defaultValue = "256", description = "Synthetic frame height (default: ${DEFAULT-VALUE})")
    int frameHeight;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        Path state = Files.createTempDirectory("spikestream-overload-state-");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                InferenceService inference = new InferenceService(new InferenceConfig(inferenceSettings(broker,
                        state)));
                Arrivals arrivals = new Arrivals(broker.bootstrapServers())) {
            inference.start();
            double rate = calibrate(broker, arrivals);
            List<Double> rates = offeredRates(load * rate);
            out.printf(Locale.ROOT, "inference stage frames/s: %.2f%n", rate);
            out.printf(Locale.ROOT, "offered frames/s: %.2f (%d %s camera%s at %s)%n", load * rate, cameras,
                    replay ? "replayed" : "live", cameras == 1 ? "" : "s", rates.stream()
                            .map(r -> String.format(Locale.ROOT, "%.2f", r)).toList());
            out.flush();
            Sent sent = runCameras(broker, rates);
            List<OverloadReport.Arrival> results = arrivals.awaitAll(sent.published(),
                    drainTimeout(sent.published(), rate));
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
    private double calibrate(EmbeddedBroker broker, Arrivals arrivals) throws Exception {
        try (IngestService ingest = ingest(broker, CALIBRATION_CAMERA, 9399, "max", "replay", calibrationFrames)) {
            ingest.start();
            List<OverloadReport.Arrival> done = arrivals.awaitAll(calibrationFrames, Duration.ofMinutes(10));
            long first = done.get(0).receivedMillis();
            long last = done.get(done.size() - 1).receivedMillis();
            arrivals.clear();
            return (done.size() - 1) * 1000.0 / Math.max(1, last - first);
        }
    }

    /** Runs the cameras to the end; returns their frames sent and dropped before publishing, summed. */
    private Sent runCameras(EmbeddedBroker broker, List<Double> rates) throws Exception {
        List<IngestService> ingests = new ArrayList<>();
        try {
            for (int i = 0; i < cameras; i++) {
                long frames = Math.max(1, Math.round(seconds * rates.get(i)));
                String pacing = String.format(Locale.ROOT, "fixed:%.3f", rates.get(i));
                IngestService ingest = ingest(broker, "overload-" + i, 9400 + i, pacing, replay ? "replay" : "live",
                        frames);
                ingests.add(ingest);
                ingest.start();
            }
            long sent = 0;
            long dropped = 0;
            for (IngestService ingest : ingests) {
                if (!ingest.awaitCompletion(Duration.ofSeconds((long) (2 * seconds) + 60))) {
                    throw new TimeoutException("a camera did not finish within " + (2 * seconds + 60) + " s");
                }
                sent += ingest.progress().framesSent();
                dropped += ingest.progress().framesDropped();
            }
            return new Sent(sent, dropped);
        } finally {
            ingests.forEach(IngestService::close);
        }
    }

    private IngestService ingest(EmbeddedBroker broker, String camera, long seed, String pacing, String delivery,
            long frames) {
        Map<String, Object> m = new HashMap<>();
        m.put(IngestConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(IngestConfig.SOURCE_CONFIG, new SyntheticSpec(seed, frames, frameWidth, frameHeight,
                SceneGenerator.DEFAULT_FRAMES).toString());
        m.put(IngestConfig.CAMERA_ID_CONFIG, camera);
        m.put(IngestConfig.PACING_CONFIG, pacing);
        m.put(IngestConfig.DELIVERY_CONFIG, delivery);
        m.put(IngestConfig.TOPICS_PARTITIONS_CONFIG, cameras + 1);
        return IngestService.builder(new IngestConfig(m)).build();
    }

    private Map<String, Object> inferenceSettings(EmbeddedBroker broker, Path state) {
        Map<String, Object> m = model.settings();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, cameras + 1);
        m.put(InferenceConfig.STATE_DIR_CONFIG, state.toString());
        return m;
    }

    /** Frames the cameras published, and frames they dropped before publishing (live cameras only). */
    private record Sent(long published, long dropped) {
    }

    /** Enough for a replay backlog to drain at the measured rate, plus a minute. */
    private static Duration drainTimeout(long frames, double rate) {
        return Duration.ofSeconds((long) (frames / Math.max(0.1, rate)) + 60);
    }

    /** A consumer thread recording every committed result of the bench's cameras as it arrives. */
    private static final class Arrivals implements AutoCloseable {

        private final List<OverloadReport.Arrival> seen = new CopyOnWriteArrayList<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        Arrivals(String bootstrap) {
            Map<String, Object> props = new HashMap<>();
            props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            thread = new Thread(() -> consume(props), "overload-results");
            thread.setDaemon(true);
            thread.start();
        }

        private void consume(Map<String, Object> props) {
            try (KafkaConsumer<String, SegmentationResult> consumer = new KafkaConsumer<>(props,
                    new StringDeserializer(),
                    SerdeFactory.singleObject().valueSerde(Topics.RESULTS).deserializer())) {
                List<TopicPartition> partitions = new ArrayList<>();
                while (running.get() && partitions.isEmpty()) {
                    consumer.listTopics(Duration.ofSeconds(5)).getOrDefault(Topics.RESULTS.name(), List.of())
                            .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
                }
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                while (running.get()) {
                    for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofMillis(100))) {
                        seen.add(arrival(r.value()));
                    }
                }
            }
        }

        private static OverloadReport.Arrival arrival(SegmentationResult r) {
            return new OverloadReport.Arrival(r.getCameraId(), r.getSequence(), r.getCaptureTime().toEpochMilli(),
                    System.currentTimeMillis(), r.getSkipped() == null ? null : r.getSkipped().getReason().name());
        }

        /** Waits until {@code count} results arrived; returns them. */
        List<OverloadReport.Arrival> awaitAll(long count, Duration timeout) throws InterruptedException,
                TimeoutException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (seen.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("only " + seen.size() + " of " + count + " results within " + timeout);
                }
                Thread.sleep(50);
            }
            return List.copyOf(seen);
        }

        void clear() {
            seen.clear();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            thread.join(10_000);
        }
    }
}
