package io.spikestream.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.vision.SegmenterMetrics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 100 cameras through one inference instance in delta mode with {@code state.max.cameras=8} (issue 9, "bounded
 * under load"): every frame gets exactly one result, the state registry never holds more than 8 cameras' caches,
 * evictions are counted; heap and state sizes are printed at 10, 50 and 100 cameras.
 */
class ManyCamerasIT {

    private static final int MAX_CAMERAS = 8;
    private static final int FRAMES_PER_CAMERA = 3;
    private static final int W = 128;
    private static final int H = 64;
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** Heap growth (after GC) allowed from 10 to 100 cameras: per-camera Java objects would exceed it. */
    private static final long HEAP_GROWTH_BOUND = 64L << 20;

    @TempDir
    Path stateDir;

    @Test
    void shouldGiveEveryFrameOneResultWithinTheCameraLimitWhen100CamerasShareOneInstance() throws Exception {
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                InferenceService inference = new InferenceService(new InferenceConfig(settings(broker)));
                KafkaProducer<String, Frame> producer = producer(broker)) {
            inference.start();
            long perCamera = 0;
            List<Long> heap = new ArrayList<>();
            int from = 0;
            for (int cameras : List.of(10, 50, 100)) {
                send(producer, from, cameras);
                awaitResults(inference, (long) cameras * FRAMES_PER_CAMERA);
                SegmenterMetrics m = inference.segmenterMetrics();
                perCamera = Math.max(perCamera, m.state().bytes() / Math.max(1, m.state().cameras()));
                heap.add(report(cameras, m));
                from = cameras;
            }
            SegmenterMetrics m = inference.segmenterMetrics();
            assertEquals(MAX_CAMERAS, m.state().peakCameras(), m.toString());
            assertTrue(perCamera > 0 && m.state().peakBytes() <= MAX_CAMERAS * perCamera, m.toString());
            assertTrue(m.evictions() >= 100 - MAX_CAMERAS, m.toString());
            assertTrue(m.resets().get("EVICTED") > 0, m.toString());
            assertTrue(heap.get(2) - heap.get(0) < HEAP_GROWTH_BOUND, "heap after GC grew from " + heap.get(0)
                    + " to " + heap.get(2) + " bytes between 10 and 100 cameras");
            assertEquals(0, inference.metrics().deadLetters());
            assertOneResultPerFrame(broker, 100);
        }
    }

    private Map<String, Object> settings(EmbeddedBroker broker) {
        Map<String, Object> m = new HashMap<>();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(InferenceConfig.STATE_DIR_CONFIG, stateDir.toString());
        m.put(InferenceConfig.STATE_MODE_CONFIG, "delta");
        m.put(InferenceConfig.STATE_MAX_CAMERAS_CONFIG, MAX_CAMERAS);
        m.put(InferenceConfig.INPUT_HEIGHT_CONFIG, H);
        m.put(InferenceConfig.INPUT_WIDTH_CONFIG, W);
        m.put(InferenceConfig.NUM_STREAM_THREADS_CONFIG, 2);
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, 2);
        m.put(InferenceConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
        return m;
    }

    private static KafkaProducer<String, Frame> producer(EmbeddedBroker broker) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedBroker.MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(),
                SerdeFactory.singleObject().valueSerde(Topics.FRAMES).serializer());
    }

    /** Frames 0..2 of cameras {@code [from, to)}, interleaved: every camera's frame 0, then every frame 1, ... */
    private static void send(KafkaProducer<String, Frame> producer, int from, int to) throws IOException {
        for (int f = 0; f < FRAMES_PER_CAMERA; f++) {
            for (int c = from; c < to; c++) {
                String camera = "cam-" + c;
                producer.send(new ProducerRecord<>(Topics.FRAMES.name(), camera, frame(camera, c, f)));
            }
        }
        producer.flush();
    }

    private static Frame frame(String camera, int c, int f) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(70 + c, 130, 180));
        g.fillRect(0, 0, W, H / 2);
        g.setColor(new Color(128, 64, 128));
        g.fillRect(0, H / 2, W, H / 2);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(10 + 8 * f + c % 40, H / 2 - 10, 24, 16);
        g.dispose();
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", jpeg);
        return Frame.newBuilder().setCameraId(camera).setSequence(f).setCaptureTime(Instant.now()).setWidth(W)
                .setHeight(H).setEncoding(ImageEncoding.JPEG).setImage(ByteBuffer.wrap(jpeg.toByteArray()))
                .setGroundTruthMask(null).setSource(null).build();
    }

    private static void awaitResults(InferenceService inference, long results) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (inference.metrics().results() < results) {
            assertTrue(System.nanoTime() < deadline, "only " + inference.metrics().results() + " of " + results
                    + " results; failure: " + inference.failure().getNow(null));
            Thread.sleep(100);
        }
    }

    /** Prints heap used after GC and the registry's state; answers the heap bytes. */
    private static long report(int cameras, SegmenterMetrics m) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf(Locale.ROOT, "heap MB at %d cameras: %.1f%n", cameras, heap / 1e6);
        System.out.printf(Locale.ROOT, "state MB at %d cameras: %.2f (%d cameras held, peak %d; %d evictions)%n",
                cameras, m.state().bytes() / 1e6, m.state().cameras(), m.state().peakCameras(), m.evictions());
        return heap;
    }

    private static void assertOneResultPerFrame(EmbeddedBroker broker, int cameras) {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "many-cameras-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, SegmentationResult> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(Topics.RESULTS).deserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int total = cameras * FRAMES_PER_CAMERA;
            int idle = 0;
            while (System.nanoTime() < deadline && (counts.size() < total || idle < 3)) {
                int n = 0;
                for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofMillis(500))) {
                    counts.merge(r.key() + "#" + r.value().getSequence(), 1, Integer::sum);
                    n++;
                }
                idle = n == 0 ? idle + 1 : 0;
            }
        }
        assertEquals(cameras * FRAMES_PER_CAMERA, counts.size(), "a result for every (camera, sequence)");
        counts.values().removeIf(n -> n == 1);
        assertEquals(Map.of(), counts, "(camera#sequence) with more than one result");
    }
}
