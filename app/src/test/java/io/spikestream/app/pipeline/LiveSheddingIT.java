package io.spikestream.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.inference.runtime.BatchingSegmenter;
import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.inference.service.InferenceService;
import io.spikestream.inference.stream.InferenceMetrics;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.FrameDelivery;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.vision.SegmentationOutput;
import io.spikestream.vision.SegmentationRequest;
import io.spikestream.vision.Segmenter;
import io.spikestream.vision.SegmenterMetrics;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
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
 * A live camera faster than a slowed-down inference (issue 13): every frame gets exactly one committed result,
 * processed or skipped; only live frames older than {@code live.max.age.ms} are skipped, and a replay camera's
 * frames, although an hour old, are all processed.
 */
class LiveSheddingIT {

    private static final String LIVE = "gate-live";
    private static final String REPLAY = "file-replay";
    private static final long MAX_AGE = 400;
    private static final long PASS_DELAY = 150;
    private static final int BURST = 40;
    private static final int PACED = 30;
    private static final int REPLAYED = 12;
    private static final int TOTAL = BURST + PACED + REPLAYED;
    private static final int W = 128;
    private static final int H = 64;

    @TempDir
    Path stateDir;

    private final Queue<Long> liveAgesAtSegmenter = new ConcurrentLinkedQueue<>();
    private final Map<Long, Long> sentAge = new HashMap<>();

    @Test
    void shouldGiveEveryFrameOneResultAndSkipOnlyLiveFramesOlderThanTheMaxAge() throws Exception {
        Map<String, SegmentationResult> results;
        InferenceMetrics metrics;
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                InferenceService inference = new InferenceService(new InferenceConfig(settings(broker)),
                        c -> new SlowSegmenter(BatchingSegmenter.open(c.model(), c.batching())));
                KafkaProducer<String, Frame> producer = producer(broker)) {
            inference.start();
            sendReplay(producer);
            awaitSegmented(inference, REPLAYED);
            sendBurst(producer);
            sendPaced(producer);
            results = readResults(broker);
            metrics = inference.metrics();
        }
        assertEquals(TOTAL, results.size(), "one result per (camera, sequence)");
        assertEquals(TOTAL, metrics.results() + metrics.skipped(), metrics.toString());
        assertReplayAllProcessed(results);
        assertLiveSkippedOnlyWhenTooOld(results, metrics);
        for (long age : liveAgesAtSegmenter) {
            assertTrue(age <= MAX_AGE + 100, "a live frame reached the model " + age + " ms after capture");
        }
    }

    private Map<String, Object> settings(EmbeddedBroker broker) {
        Map<String, Object> m = new HashMap<>();
        m.put(InferenceConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(InferenceConfig.STATE_DIR_CONFIG, stateDir.toString());
        m.put(InferenceConfig.INPUT_HEIGHT_CONFIG, H);
        m.put(InferenceConfig.INPUT_WIDTH_CONFIG, W);
        m.put(InferenceConfig.LIVE_MAX_AGE_MS_CONFIG, MAX_AGE);
        m.put(InferenceConfig.NUM_STREAM_THREADS_CONFIG, 2);
        m.put(InferenceConfig.TOPICS_PARTITIONS_CONFIG, 2);
        m.put(InferenceConfig.PROCESSING_GUARANTEE_CONFIG, "exactly_once_v2");
        return m;
    }

    private static void assertReplayAllProcessed(Map<String, SegmentationResult> results) {
        for (int seq = 0; seq < REPLAYED; seq++) {
            SegmentationResult r = results.get(REPLAY + "#" + seq);
            assertNull(r.getSkipped(), "replay frame " + seq + " was skipped");
            assertTrue(r.getMask().remaining() > 0);
        }
    }

    private void assertLiveSkippedOnlyWhenTooOld(Map<String, SegmentationResult> results, InferenceMetrics metrics) {
        long skipped = 0;
        long processed = 0;
        for (long seq = 0; seq < BURST + PACED; seq++) {
            SegmentationResult r = results.get(LIVE + "#" + seq);
            if (r.getSkipped() == null) {
                processed++;
                assertTrue(sentAge.get(seq) <= MAX_AGE, "frame " + seq + " was already too old when sent");
                continue;
            }
            skipped++;
            assertEquals(SkipReason.TOO_OLD, r.getSkipped().getReason());
            // the gate leaves room for the time to the result, at most half the budget
            assertTrue(r.getSkipped().getAgeMillis() > MAX_AGE / 2, r.toString());
            assertTrue(r.getSkipped().getAgeMillis() >= sentAge.get(seq), r.toString());
        }
        assertTrue(skipped >= BURST / 2 && processed > 0, skipped + " skipped, " + processed + " processed");
        assertEquals(skipped, metrics.skipped(SkipReason.TOO_OLD), metrics.toString());
        System.out.printf("live frames: %d processed, %d skipped; %s%n", processed, skipped, metrics);
    }

    /** Waits for the replay camera, which also warms the model up: a cold first pass would age every live frame. */
    private static void awaitSegmented(InferenceService inference, long frames) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (inference.metrics().results() < frames) {
            assertTrue(System.nanoTime() < deadline, "only " + inference.metrics() + "; failure: "
                    + inference.failure());
            Thread.sleep(50);
        }
    }

    /** Replay frames captured an hour ago: never skipped. */
    private void sendReplay(KafkaProducer<String, Frame> producer) throws IOException {
        long captured = System.currentTimeMillis() - 3_600_000;
        for (int seq = 0; seq < REPLAYED; seq++) {
            send(producer, REPLAY, seq, FrameDelivery.REPLAY, captured + 40L * seq);
        }
        producer.flush();
    }

    /** A backlog of live frames at once, captured 50 ms apart up to now: at least half already too old. */
    private void sendBurst(KafkaProducer<String, Frame> producer) throws IOException {
        long now = System.currentTimeMillis();
        for (int seq = 0; seq < BURST; seq++) {
            send(producer, LIVE, seq, FrameDelivery.LIVE, now - 50L * (BURST - 1 - seq));
        }
        producer.flush();
    }

    /** Live frames at 20 per second, about three times what the slowed-down inference passes. */
    private void sendPaced(KafkaProducer<String, Frame> producer) throws IOException, InterruptedException {
        for (int seq = BURST; seq < BURST + PACED; seq++) {
            send(producer, LIVE, seq, FrameDelivery.LIVE, System.currentTimeMillis());
            producer.flush();
            Thread.sleep(50);
        }
    }

    private void send(KafkaProducer<String, Frame> producer, String camera, long seq, FrameDelivery delivery,
            long captured) throws IOException {
        Frame frame = Frame.newBuilder().setCameraId(camera).setSequence(seq)
                .setCaptureTime(Instant.ofEpochMilli(captured)).setWidth(W).setHeight(H)
                .setEncoding(ImageEncoding.JPEG).setImage(ByteBuffer.wrap(jpeg((int) seq)))
                .setDelivery(delivery).build();
        if (delivery == FrameDelivery.LIVE) {
            sentAge.put(seq, System.currentTimeMillis() - captured);
        }
        producer.send(new ProducerRecord<>(Topics.FRAMES.name(), camera, frame));
    }

    private static byte[] jpeg(int index) throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(70, 130, 180));
        g.fillRect(0, 0, W, H);
        g.setColor(Color.DARK_GRAY);
        g.fillRect(index % (W - 24), H / 2, 24, 16);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    private static KafkaProducer<String, Frame> producer(EmbeddedBroker broker) {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, EmbeddedBroker.MAX_MESSAGE_BYTES);
        return new KafkaProducer<>(props, new StringSerializer(),
                SerdeFactory.singleObject().valueSerde(Topics.FRAMES).serializer());
    }

    /** Committed results by "camera#sequence"; a second result for a frame fails the test. */
    private static Map<String, SegmentationResult> readResults(EmbeddedBroker broker) {
        Map<String, SegmentationResult> results = new HashMap<>();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "live-shedding-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest", ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        try (KafkaConsumer<String, SegmentationResult> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(Topics.RESULTS).deserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            int idle = 0;
            while (System.nanoTime() < deadline && (results.size() < TOTAL || idle < 2)) {
                int n = 0;
                for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofMillis(500))) {
                    String frame = r.key() + "#" + r.value().getSequence();
                    assertNull(results.put(frame, r.value()), "a second result for " + frame);
                    n++;
                }
                idle = n == 0 ? idle + 1 : 0;
            }
        }
        return results;
    }

    /** The real model, each pass made {@value #PASS_DELAY} ms slower; notes live frames' ages at entry. */
    private final class SlowSegmenter implements Segmenter {
        private final Segmenter model;

        SlowSegmenter(Segmenter model) {
            this.model = model;
        }

        @Override
        public SegmentationOutput segment(SegmentationRequest request) throws InterruptedException {
            if (request.cameraId().equals(LIVE)) {
                liveAgesAtSegmenter.add(System.currentTimeMillis() - request.captureTimeMillis());
            }
            Thread.sleep(PASS_DELAY);
            return model.segment(request);
        }

        @Override
        public String modelId() {
            return model.modelId();
        }

        @Override
        public SegmenterMetrics metrics() {
            return model.metrics();
        }

        @Override
        public void close() {
            model.close();
        }
    }
}
