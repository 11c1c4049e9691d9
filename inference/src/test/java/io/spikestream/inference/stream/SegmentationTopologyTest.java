package io.spikestream.inference.stream;

import io.spikestream.inference.service.InferenceConfig;
import io.spikestream.vision.TrainIdMask;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.ImageEncoding;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.vision.RgbImage;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SegmentationTopologyTest {

    @TempDir
    Path stateDir;

    private InferenceMetrics metrics = new InferenceMetrics();
    private TopologyHarness harness;
    private TestInputTopic<String, byte[]> frames;
    private TestOutputTopic<String, SegmentationResult> results;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    private void start(Map<String, Object> settings) {
        harness = new TopologyHarness(stateDir, settings, Clock.systemUTC());
        metrics = harness.metrics;
        frames = harness.frames;
        results = harness.results;
        deadLetters = harness.deadLetters;
    }

    @AfterEach
    void close() {
        if (harness != null) {
            harness.close();
        }
    }

    private static RgbImage rgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < w * h; i++) {
            int p = image.getRGB(i % w, i / w);
            rgb[3 * i] = (byte) (p >> 16);
            rgb[3 * i + 1] = (byte) (p >> 8);
            rgb[3 * i + 2] = (byte) p;
        }
        return new RgbImage(w, h, rgb);
    }

    private static byte[] maskPixels(SegmentationResult r) throws Exception {
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(bytes(r.getMask())));
        assertEquals(BufferedImage.TYPE_BYTE_GRAY, png.getType());
        int[] samples = png.getRaster().getSamples(0, 0, png.getWidth(), png.getHeight(), 0, (int[]) null);
        byte[] ids = new byte[samples.length];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (byte) samples[i];
        }
        return ids;
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static byte[] groundTruthWithIgnoredAndWrongPixels(byte[] truth, int width, int height) {
        byte[] gt = truth.clone();
        for (int i = 0; i < 10; i++) {
            gt[i] = (byte) 255;
        }
        for (int i = 10; i < 30; i++) {
            gt[i] = (byte) ((gt[i] + 1) % 5);
        }
        return gt;
    }

    @Test
    void shouldPublishOneResultPerValidFrameWithDecodablePngMask() throws Exception {
        start(Map.of());
        BufferedImage image = TestFrames.image(64, 32, 0);
        byte[] expected = FakeSegmenter.labels(rgb(image));
        byte[] gt = groundTruthWithIgnoredAndWrongPixels(expected, 64, 32);
        Frame png = TestFrames.frame("cam-1", 0, 64, 32, TestFrames.encode(image, "png"), ImageEncoding.PNG)
                .setGroundTruthMask(ByteBuffer.wrap(new TrainIdMask(64, 32, gt).encodePng())).build();
        Frame jpeg = TestFrames.frame("cam-1", 1, 64, 32, TestFrames.encode(image, "jpg"), ImageEncoding.JPEG).build();
        frames.pipeInput("cam-1", TestFrames.serialize(png));
        frames.pipeInput("cam-1", TestFrames.serialize(jpeg));

        List<SegmentationResult> out = results.readValuesToList();
        assertEquals(2, out.size());
        SegmentationResult first = out.get(0);
        assertEquals("cam-1", first.getCameraId());
        assertEquals(0, first.getSequence());
        assertEquals(1_700_000_000_000L, first.getCaptureTime().toEpochMilli());
        assertEquals(64, first.getWidth());
        assertEquals(32, first.getHeight());
        assertArrayEquals(expected, maskPixels(first));
        assertEquals(64 * 32, first.getClassPixelCounts().stream().mapToLong(Long::longValue).sum());
        assertEquals(FakeSegmenter.CLASSES, first.getClassPixelCounts().size());
        assertEquals("fake@test", first.getModelId());
        assertEquals(3, first.getBatchSize());
        assertEquals(0.25, first.getMeanFiringRate());
        assertEquals(1.5, first.getEnergyMillijoules());
        assertFalse(first.getStateCarried());
        assertEquals(1.0, first.getRecomputedFraction());
        assertEquals((64 * 32 - 10 - 20) / (double) (64 * 32 - 10), first.getPixelAccuracy(), 1e-12);
        assertEquals(2, first.getTimings().getQueueWaitMicros());
        assertEquals(4, first.getTimings().getInferenceMicros());
        assertTrue(first.getTimings().getPostprocessMicros() >= 5);
        assertTrue(first.getTimings().getTotalMicros() >= first.getTimings().getDecodeMicros());

        SegmentationResult second = out.get(1);
        assertTrue(second.getStateCarried());
        assertEquals(FakeSegmenter.DELTA_FRACTION, second.getRecomputedFraction());
        assertNull(second.getPixelAccuracy());
        assertEquals(64 * 32, maskPixels(second).length);
        assertTrue(deadLetters.isEmpty());
        assertEquals(2, metrics.results());
    }

    @Test
    void shouldSendInvalidFramesToDeadLetterTopicAndContinue() {
        start(Map.of());
        BufferedImage image = TestFrames.image(64, 32, 1);
        byte[] png = TestFrames.encode(image, "png");
        frames.pipeInput("cam-2", "not avro at all".getBytes(StandardCharsets.UTF_8));
        frames.pipeInput("cam-2", TestFrames.serialize(
                TestFrames.frame("cam-2", 1, 128, 64, png, ImageEncoding.PNG).build()));
        frames.pipeInput("cam-2", TestFrames.serialize(TestFrames.frame("cam-2", 2, 64, 32,
                "plain text".getBytes(StandardCharsets.UTF_8), ImageEncoding.JPEG).build()));
        frames.pipeInput("", TestFrames.serialize(TestFrames.frame("", 3, 64, 32, png, ImageEncoding.PNG).build()));
        frames.pipeInput("cam-2", TestFrames.serialize(TestFrames.frame("cam-2", 4, 64, 32, png, ImageEncoding.JPEG)
                .build()));
        frames.pipeInput("cam-2", TestFrames.serialize(TestFrames.frame("cam-2", 5, 64, 32, png, ImageEncoding.PNG)
                .build()));

        List<DeadLetter> letters = deadLetters.readValuesToList();
        assertEquals(5, letters.size());
        assertReason(letters.get(0), 0, "value is not a Frame record", "unknown magic bytes");
        assertReason(letters.get(1), 1, "image is 64x32 but the record says 128x64");
        assertReason(letters.get(2), 2, "image is not a JPEG or PNG image");
        assertReason(letters.get(3), 3, "cameraId is empty");
        assertReason(letters.get(4), 4, "declared JPEG but the bytes are PNG");
        assertEquals("cam-2", letters.get(0).getCameraId());
        assertArrayEquals("not avro at all".getBytes(StandardCharsets.UTF_8), bytes(letters.get(0).getPayload()));
        assertEquals(org.apache.kafka.common.errors.SerializationException.class.getName(),
                letters.get(0).getErrorClass());

        List<SegmentationResult> out = results.readValuesToList();
        assertEquals(1, out.size());
        assertEquals(5, out.get(0).getSequence());
        assertEquals(1, metrics.deadLetters(Rejection.SIZE_MISMATCH));
        assertEquals(2, metrics.deadLetters(Rejection.UNDECODABLE_IMAGE));
        assertEquals(6, metrics.framesIn());
    }

    private static void assertReason(DeadLetter letter, long offset, String... parts) {
        assertEquals(Topics.FRAMES.name(), letter.getSourceTopic());
        assertEquals(0, letter.getPartition());
        assertEquals(offset, letter.getOffset());
        assertTrue(letter.getReason().contains(Topics.FRAMES.name() + "-0@" + offset), letter.getReason());
        for (String part : parts) {
            assertTrue(letter.getReason().contains(part), letter.getReason());
        }
    }

    @Test
    void shouldRejectFrameWhoseKeyIsNotItsCamera() {
        start(Map.of());
        byte[] png = TestFrames.encode(TestFrames.image(64, 32, 2), "png");
        frames.pipeInput("other", TestFrames.serialize(TestFrames.frame("cam-3", 0, 64, 32, png, ImageEncoding.PNG)
                .build()));
        DeadLetter letter = deadLetters.readValue();
        assertTrue(letter.getReason().contains("record key 'other' differs from cameraId 'cam-3'"), letter.getReason());
        assertTrue(results.isEmpty());
    }

    @Test
    void shouldRunUnderExactlyOnceV2() {
        start(Map.of(InferenceConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2));
        byte[] png = TestFrames.encode(TestFrames.image(64, 32, 3), "png");
        frames.pipeInput("cam-4", TestFrames.serialize(TestFrames.frame("cam-4", 0, 64, 32, png, ImageEncoding.PNG)
                .build()));
        assertEquals("cam-4", results.readKeyValue().key);
    }

    @Test
    void shouldNameEveryNodeAndTopic() {
        StreamsBuilder builder = new StreamsBuilder();
        SegmentationTopology.build(builder, new InferenceConfig(Map.of()).topologySettings(), new FakeSegmenter(), metrics);
        Topology topology = builder.build();
        String description = topology.describe().toString();
        for (String name : List.of(SegmentationTopology.SOURCE, SegmentationTopology.PROCESSOR,
                SegmentationTopology.RESULTS_SINK, SegmentationTopology.DEAD_LETTER_SINK, Topics.FRAMES.name(),
                Topics.RESULTS.name(), Topics.DEAD_LETTERS.name())) {
            assertTrue(description.contains(name), name + " missing in " + description);
        }
        assertFalse(description.contains("KSTREAM-"), description);
    }
}
