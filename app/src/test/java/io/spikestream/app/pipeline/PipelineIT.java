package io.spikestream.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.app.DemoHarness;
import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.SegmentationResult;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline against a real (embedded) Kafka broker: a video file written here with JavaCV is
 * ingested, segmented by the real tiny model and written by the sink; every frame must give exactly one
 * result and one mask file.
 */
class PipelineIT {

    private static final int FRAMES = 12;

    @Test
    void shouldProduceExactlyOneResultAndOneMaskPerFrameOfAVideo(@TempDir Path dir) throws Exception {
        Path video = TestClips.writeVideo(dir.resolve("clip.avi"), FRAMES);
        Path out = dir.resolve("out");
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            String summary = DemoHarness.run(broker.bootstrapServers(), FRAMES, out, video.toString(),
                    Map.of("model.input.height", 64, "model.input.width", 128, "state.mode", "reset"));
            assertTrue(summary.contains("frames: " + FRAMES + " in"), summary);
            assertTrue(summary.contains("every frame was a full pass"), summary);
            assertFalse(summary.contains("skipped:"), "a replay skips no frame: " + summary);
            List<SegmentationResult> results = readResults(broker.bootstrapServers());
            assertEquals(FRAMES, results.size(), "one result per frame");
            for (int i = 0; i < FRAMES; i++) {
                assertEquals(i, results.get(i).getSequence());
                assertEquals(160, results.get(i).getWidth());
                assertEquals(1.0, results.get(i).getRecomputedFraction());
            }
        }
        Path camera = out.resolve("demo-cam");
        assertEquals(FRAMES, count(camera.resolve("masks")));
        assertEquals(FRAMES, count(camera.resolve("overlays")));
        List<String> csv = Files.readAllLines(camera.resolve("stats.csv"));
        assertEquals(FRAMES + 1, csv.size());
        assertTrue(csv.get(0).endsWith(",recomputed_fraction,skipped,age_ms") && csv.get(1).endsWith(",1.000000,,"),
                csv.get(1));
        BufferedImage mask = ImageIO.read(camera.resolve("masks").resolve("demo-cam_000005_trainIds.png").toFile());
        assertEquals(160, mask.getWidth());
        assertEquals(96, mask.getHeight());
    }

    @Test
    void shouldEndALiveDemoWithEveryPublishedFrameSegmentedOrSkipped(@TempDir Path dir) throws Exception {
        int frames = 30;
        Path out = dir.resolve("out");
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            String summary = DemoHarness.run(broker.bootstrapServers(), frames, out,
                    "synthetic:seed=9100,frames=" + frames + ",width=256,height=128",
                    Map.of("model.input.height", 64, "model.input.width", 128, "live.max.age.ms", 60L), true);
            List<SegmentationResult> results = readResults(broker.bootstrapServers());
            long skipped = results.stream().filter(r -> r.getSkipped() != null).count();
            assertTrue(skipped > 0, "a 60 ms budget skips live frames: " + summary);
            assertTrue(summary.contains("skipped: " + skipped + " live frames"), summary);
            assertTrue(summary.contains("frames: " + (results.size() - skipped) + " in"), summary);
            assertEquals(results.size() + 1, Files.readAllLines(out.resolve("demo-cam").resolve("stats.csv")).size(),
                    "one row per published frame");
        }
    }

    @Test
    void shouldWriteEveryCamerasFramesAndShareForwardPassesWhenThreeCamerasPublishAtOnce(@TempDir Path dir)
            throws Exception {
        int cameras = 3;
        int frames = 4;
        Path out = dir.resolve("out");
        String summary;
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            // a long batch wait, so that frames of the three cameras meet in a pass even on a busy machine
            summary = DemoHarness.runCameras(broker.bootstrapServers(), cameras, frames, out,
                    "synthetic:seed=9100,frames=" + frames + ",width=256,height=128",
                    Map.of("model.input.height", 64, "model.input.width", 128, "batch.max.delay.ms", 500L));
        }
        System.out.println(summary);
        assertTrue(summary.contains("frames: " + cameras * frames + " in"), summary);
        for (int i = 0; i < cameras; i++) {
            String id = "demo-cam-" + i;
            List<String> rows = Files.readAllLines(out.resolve(id).resolve("stats.csv"));
            assertEquals(frames, rows.stream().filter(row -> row.startsWith(id + ",")).count(), id + ": " + rows);
            assertEquals(frames, count(out.resolve(id).resolve("masks")), id);
            assertTrue(summary.contains(id + ": " + frames + " frames"), summary);
        }
        Matcher batches = Pattern.compile("batches: (\\d+) \\(mean size").matcher(summary);
        assertTrue(batches.find(), summary);
        assertTrue(Integer.parseInt(batches.group(1)) < cameras * frames, "some pass held frames of two cameras: "
                + summary);
    }

    private static long count(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }


    private static List<SegmentationResult> readResults(String bootstrap) {
        SerdeFactory serdes = SerdeFactory.singleObject();
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "pipeline-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        List<SegmentationResult> results = new ArrayList<>();
        try (KafkaConsumer<String, SegmentationResult> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                serdes.valueSerde(Topics.RESULTS).deserializer())) {
            consumer.subscribe(List.of(Topics.RESULTS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (results.size() < FRAMES && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofMillis(500))) {
                    results.add(r.value());
                }
            }
            for (ConsumerRecord<String, SegmentationResult> r : consumer.poll(Duration.ofSeconds(2))) {
                results.add(r.value());
            }
        }
        results.sort((a, b) -> Long.compare(a.getSequence(), b.getSequence()));
        return results;
    }
}
