package io.spikestream.sink;

import static io.spikestream.sink.Fixtures.GREY;
import static io.spikestream.sink.Fixtures.H;
import static io.spikestream.sink.Fixtures.W;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.SkipReason;
import io.spikestream.schemas.deadletter.Rejection;
import io.spikestream.sink.files.CameraDirectoryNameTest;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.TrainIdMask;

import java.awt.image.BufferedImage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.errors.StreamsException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SinkTopologyTest {

    private static final long NOW = 1_700_000_000_000L;
    private static final long T0 = NOW - 60_000;

    @TempDir
    Path tmp;

    private TopologyTestDriver driver;
    private SinkWriter writer;
    private SinkMetrics metrics;
    private TestInputTopic<String, SegmentationResult> results;
    private TestInputTopic<String, Frame> frames;
    private TestOutputTopic<String, ClassStatistics> stats;

    @AfterEach
    void close() throws Exception {
        if (driver != null) {
            driver.close();
        }
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void shouldWriteMaskOverlayAndCsvRowWhenResultAndFrameArrive() throws Exception {
        start(Map.of());
        frames.pipeInput("cam1", Fixtures.frame("cam1", 7, T0, null));
        results.pipeInput("cam1", Fixtures.result("cam1", 7, T0, 40_000, 0.2));

        TrainIdMask mask = TrainIdMask.decodePng(Files.readAllBytes(out("cam1/masks/cam1_000007_trainIds.png")));
        assertArrayEquals(Fixtures.maskIds(), mask.ids());
        BufferedImage overlay = ImageIO.read(out("cam1/overlays/cam1_000007_overlay.png").toFile());
        assertEquals(blend(Cityscapes.color(Cityscapes.BUILDING)), overlay.getRGB(0, 1) & 0xFFFFFF);
        assertEquals(blend(Cityscapes.color(Cityscapes.ROAD)), overlay.getRGB(5, 0) & 0xFFFFFF);
        assertEquals(GREY << 16 | GREY << 8 | GREY, overlay.getRGB(7, 3) & 0xFFFFFF);
        assertEquals(1, metrics.overlaysWritten());
        assertEquals(2, metrics.filesPerCamera().get("cam1"));
    }

    @Test
    void shouldWriteCsvHeaderAndOneRowPerResultWithFractionsWhenResultsArrive() throws Exception {
        start(Map.of());
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        results.pipeInput("cam1", Fixtures.result("cam1", 1, T0 + 100, 40_000, 0.2));

        List<String> lines = csvLines("cam1/stats.csv");
        assertEquals(3, lines.size());
        List<String> header = List.of(lines.get(0).split(","));
        List<String> row = List.of(lines.get(1).split(",", -1));
        assertEquals(header.size(), row.size());
        assertEquals("road", header.get(5));
        assertEquals("traffic light", header.get(header.indexOf("traffic light")));
        assertEquals("0.187500", row.get(header.indexOf("road")));          // 6 of 32 pixels
        assertEquals("0.187500", row.get(header.indexOf("traffic light")));
        assertEquals("0.000000", row.get(header.indexOf("sidewalk")));
        assertEquals("60000.0", row.get(header.indexOf("latency_ms")));
        assertEquals("40.000", row.get(header.indexOf("processing_ms")));
        assertEquals("0.750000", row.get(header.indexOf("pixel_accuracy")));
        assertEquals("", List.of(lines.get(2).split(",", -1)).get(header.indexOf("pixel_accuracy")));
        assertEquals("recomputed_fraction", header.get(header.size() - 3));
        assertEquals("1.000000", row.get(header.indexOf("recomputed_fraction")));
        assertEquals("0.250000", List.of(lines.get(2).split(",", -1)).get(header.indexOf("recomputed_fraction")));
        assertTrue(Files.readString(out("cam1/stats.csv")).endsWith("\r\n"));
    }

    @Test
    void shouldWriteOnlyCsvRowWithReasonAndAgeWhenFrameWasSkipped() throws Exception {
        start(Map.of(SinkConfig.JOIN_WINDOW_MS_CONFIG, "1000"));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 0, T0, Fixtures.maskIds()));
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 1, T0 + 100, Fixtures.maskIds()));
        results.pipeInput("cam1", Fixtures.skipped("cam1", 1, T0 + 100, SkipReason.TOO_OLD, 1_250));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 2, T0 + 5_000, null));

        List<String> lines = csvLines("cam1/stats.csv");
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> segmented = List.of(lines.get(1).split(",", -1));
        List<String> skipped = List.of(lines.get(2).split(",", -1));
        assertEquals(List.of("recomputed_fraction", "skipped", "age_ms"), header.subList(header.size() - 3,
                header.size()));
        assertEquals(List.of("", ""), segmented.subList(header.size() - 2, header.size()));
        assertEquals(header.size(), skipped.size());
        assertEquals(List.of("cam1", "1"), skipped.subList(0, 2));
        assertEquals(List.of("TOO_OLD", "1250"), skipped.subList(header.size() - 2, header.size()));
        assertTrue(skipped.subList(3, header.size() - 2).stream().allMatch(String::isEmpty), lines.get(2));
        assertEquals(List.of("cam1_000000_trainIds.png"), fileNames("cam1/masks"));
        assertEquals(List.of("cam1_000000_overlay.png"), fileNames("cam1/overlays"));
        assertEquals(1, metrics.resultsWritten());
        assertEquals(1, metrics.resultsSkipped(SkipReason.TOO_OLD));
        assertEquals(1, metrics.framesEvaluated());
        assertEquals(0, metrics.framesWithoutResult());
        assertEquals(0, metrics.badFrames());
        assertEquals(1, metrics.recompute().frames());
        assertEquals(1, metrics.latency().count());
    }

    @Test
    void shouldAcceptSkippedResultThatCarriesAMaskAndWriteNoMask() throws Exception {
        start(Map.of());
        SegmentationResult skipped = Fixtures.result("cam1", 3, T0, 40_000, 0.2);
        skipped.setSkipped(Fixtures.skipped("cam1", 3, T0, SkipReason.SUPERSEDED, 40).getSkipped());
        skipped.setWidth(0);
        frames.pipeInput("cam1", Fixtures.frame("cam1", 3, T0, Fixtures.maskIds()));
        results.pipeInput("cam1", skipped);

        assertTrue(deadLetters().isEmpty());
        assertEquals(1, metrics.resultsSkipped(SkipReason.SUPERSEDED));
        assertFalse(Files.exists(out("cam1/masks")) && !fileNames("cam1/masks").isEmpty());
        assertFalse(Files.exists(out("cam1/overlays")) && !fileNames("cam1/overlays").isEmpty());
        assertEquals(0, metrics.framesEvaluated());
        assertTrue(csvLines("cam1/stats.csv").get(1).endsWith(",SUPERSEDED,40"));
    }

    @Test
    void shouldCountSkippedFramesApartAndOnceInWindowWhenReplayed() throws Exception {
        start(Map.of());
        long start = (T0 / 10_000 + 1) * 10_000;
        results.pipeInput("cam1", Fixtures.result("cam1", 0, start + 1_000, 10_000, 0.1));
        for (int i = 0; i < 2; i++) {
            results.pipeInput("cam1", Fixtures.skipped("cam1", 1, start + 2_000, SkipReason.TOO_OLD, 900));
        }
        results.pipeInput("cam1", Fixtures.skipped("cam1", 2, start + 3_000, SkipReason.SUPERSEDED, 30));
        results.pipeInput("cam1", Fixtures.result("cam1", 3, start + 4_000, 30_000, 0.3));
        results.pipeInput("cam1", Fixtures.result("cam1", 4, start + 11_000, 30_000, 0.3));

        ClassStatistics s = stats.readValue();
        assertEquals(2, s.getFrameCount());
        assertEquals(2, s.getSkippedCount());
        assertEquals(0.2, s.getFramesPerSecond(), 1e-12);
        assertEquals(0.2, s.getMeanFiringRate(), 1e-12);
        assertEquals(20.0, s.getMeanLatencyMillis(), 1e-9);
        assertEquals(0.1875, s.getMeanPixelFraction().get(Cityscapes.ROAD), 1e-12);
        assertEquals((1.0 + Fixtures.DELTA_FRACTION) / 2, s.getMeanRecomputedFraction(), 1e-12);
        assertEquals(6, csvLines("cam1/stats.csv").size());
        assertEquals(Map.of("TOO_OLD", 1L, "SUPERSEDED", 1L, "FAIR_SHARE", 0L), metrics.skippedByReason());
        assertEquals(1, metrics.resultsReplayed());
        assertEquals(3, metrics.resultsWritten());
    }

    @Test
    void shouldAddSkipColumnsAndKeepRowsWhenStatsCsvHasAnOlderHeader() throws Exception {
        start(Map.of());
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        stop();
        List<String> lines = csvLines("cam1/stats.csv");
        List<String> header = List.of(lines.get(0).split(","));
        int oldColumns = header.indexOf("recomputed_fraction");
        String oldRow = String.join(",", List.of(lines.get(1).split(",", -1)).subList(0, oldColumns));
        Files.writeString(out("cam1/stats.csv"), String.join(",", header.subList(0, oldColumns)) + "\r\n"
                + oldRow + "\r\n", StandardCharsets.UTF_8);

        start(Map.of());
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        results.pipeInput("cam1", Fixtures.skipped("cam1", 1, T0 + 100, SkipReason.SUPERSEDED, 70));

        List<String> now = csvLines("cam1/stats.csv");
        assertEquals(List.of(lines.get(0), oldRow + ",,,"), now.subList(0, 2));
        assertEquals(3, now.size());
        assertTrue(now.get(2).endsWith(",SUPERSEDED,70"), now.get(2));
        assertEquals(1, metrics.resultsReplayed());
    }

    @Test
    void shouldWriteMaskAndCsvWhenFrameNeverArrives() throws Exception {
        start(Map.of());
        results.pipeInput("cam1", Fixtures.result("cam1", 3, T0, 40_000, 0.2));
        assertTrue(Files.exists(out("cam1/masks/cam1_000003_trainIds.png")));
        assertEquals(2, csvLines("cam1/stats.csv").size());
        assertFalse(Files.exists(out("cam1/overlays")) && Files.list(out("cam1/overlays")).findAny().isPresent());
    }

    @Test
    void shouldWriteAndCountOnceWhenResultIsReplayed() throws Exception {
        start(Map.of());
        for (int i = 0; i < 2; i++) {
            frames.pipeInput("cam1", Fixtures.frame("cam1", 5, T0, Fixtures.maskIds()));
            results.pipeInput("cam1", Fixtures.result("cam1", 5, T0, 40_000, 0.2));
        }
        assertEquals(List.of("cam1_000005_trainIds.png"), fileNames("cam1/masks"));
        assertEquals(List.of("cam1_000005_overlay.png"), fileNames("cam1/overlays"));
        assertEquals(2, csvLines("cam1/stats.csv").size());
        assertEquals(1, metrics.resultsWritten());
        assertEquals(1, metrics.resultsReplayed());
        assertEquals(1, metrics.framesEvaluated());
    }

    @Test
    void shouldCountEachFrameOnceAcrossRestartsWhenEverythingIsProcessedAgain() throws Exception {
        for (int run = 0; run < 3; run++) {
            start(Map.of());
            for (long seq = 0; seq < 3; seq++) {
                frames.pipeInput("cam1", Fixtures.frame("cam1", seq, T0 + 100 * seq, Fixtures.maskIds()));
                results.pipeInput("cam1", Fixtures.result("cam1", seq, T0 + 100 * seq, 40_000, 0.2));
            }
            stop();
        }
        assertEquals(4, csvLines("cam1/stats.csv").size());
        assertEquals(3, fileNames("cam1/masks").size());
        JsonNode json = new ObjectMapper().readTree(out("evaluation.json").toFile());
        assertEquals(3, json.at("/total/frames").asInt());
        assertEquals(3, json.at("/cameras/cam1/frames").asInt());
        assertEquals(1.0, json.at("/cameras/cam1/iou/road").asDouble(), 1e-12);
    }

    @Test
    void shouldRefuseWithoutOverwritingWhenAnotherStreamReusesASequence() throws Exception {
        start(Map.of());
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        stop();
        byte[] before = Files.readAllBytes(out("cam1/stats.csv"));

        start(Map.of());
        StreamsException e = assertThrows(StreamsException.class,
                () -> results.pipeInput("cam1", Fixtures.result("cam1", 0, T0 + 3_600_000, 40_000, 0.2)));
        String message = SinkService.rootCause(e).getMessage();
        assertTrue(message.contains("already holds camera 'cam1' sequence 0") && message.contains("--output-dir"),
                message);
        assertArrayEquals(before, Files.readAllBytes(out("cam1/stats.csv")));
    }

    @Test
    void shouldNotEvaluateFrameSentUnderAnotherKey() throws Exception {
        start(Map.of());
        for (long seq = 0; seq < 3; seq++) {
            frames.pipeInput("valid-a", Fixtures.frame("valid-a", seq, T0 + 100 * seq, Fixtures.maskIds()));
            results.pipeInput("valid-a", Fixtures.result("valid-a", seq, T0 + 100 * seq, 40_000, 0.2));
        }
        frames.pipeInput("other-key", Fixtures.frame("valid-a", 1, T0 + 100, Fixtures.maskIds()));
        stop();

        JsonNode json = new ObjectMapper().readTree(out("evaluation.json").toFile());
        assertEquals(3, json.at("/cameras/valid-a/frames").asInt());
        assertEquals(3, json.at("/total/frames").asInt());
        assertEquals(3, metrics.overlaysWritten());
    }

    @Test
    void shouldKeepFilesInsideRootWhenCameraIdsAreDangerous() throws Exception {
        start(Map.of());
        List<String> ids = CameraDirectoryNameTest.DANGEROUS.stream().filter(id -> !id.isBlank()).toList();
        for (String id : ids) {
            frames.pipeInput(id, Fixtures.frame(id, 1, T0, null));
            results.pipeInput(id, Fixtures.result(id, 1, T0, 40_000, 0.2));
        }
        Path root = tmp.resolve("out").toRealPath();
        try (Stream<Path> all = Files.walk(tmp)) {
            all.filter(Files::isRegularFile).filter(p -> !p.startsWith(tmp.resolve("state")))
                    .forEach(p -> assertTrue(p.startsWith(root), p::toString));
        }
        try (Stream<Path> dirs = Files.list(root)) {
            assertEquals(ids.size(), dirs.filter(Files::isDirectory).count());
        }
        assertEquals(ids.size(), metrics.resultsWritten());
        assertEquals(ids.size(), metrics.overlaysWritten());
    }

    @Test
    void shouldEmitWindowStatisticsOnceWhenWindowCloses() {
        start(Map.of());
        long start = (T0 / 10_000 + 1) * 10_000;
        results.pipeInput("cam1", Fixtures.result("cam1", 0, start + 1_000, 10_000, 0.1));
        results.pipeInput("cam1", Fixtures.result("cam1", 1, start + 2_000, 20_000, 0.2));
        results.pipeInput("cam1", Fixtures.result("cam1", 2, start + 9_999, 30_000, 0.3));
        results.pipeInput("cam1", Fixtures.result("cam1", 3, start + 10_500, 30_000, 0.3));
        assertTrue(stats.isEmpty(), "nothing before end + grace");

        results.pipeInput("cam1", Fixtures.result("cam1", 4, start + 11_000, 30_000, 0.3));
        ClassStatistics s = stats.readValue();
        assertTrue(stats.isEmpty());
        assertEquals(start, s.getWindowStart().toEpochMilli());
        assertEquals(start + 10_000, s.getWindowEnd().toEpochMilli());
        assertEquals(3, s.getFrameCount());
        assertEquals(0.3, s.getFramesPerSecond(), 1e-12);
        assertEquals(0.2, s.getMeanFiringRate(), 1e-12);
        assertEquals(20.0, s.getMeanLatencyMillis(), 1e-9);
        assertEquals(30.0, s.getP99LatencyMillis(), 1e-9);
        assertEquals(0.1875, s.getMeanPixelFraction().get(Cityscapes.ROAD), 1e-12);
        assertEquals(0.0, s.getMeanPixelFraction().get(Cityscapes.SIDEWALK), 1e-12);
        assertEquals("traffic light", s.getClassNames().get(Cityscapes.TRAFFIC_LIGHT));
        assertEquals((1.0 + 2 * Fixtures.DELTA_FRACTION) / 3, s.getMeanRecomputedFraction(), 1e-12);
    }

    @Test
    void shouldEmitEveryUpdateWhenConfigured() {
        start(Map.of(SinkConfig.STATS_EMIT_CONFIG, SinkConfig.EMIT_ON_UPDATE,
                "kafka.statestore.cache.max.bytes", "0"));
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 10_000, 0.1));
        results.pipeInput("cam1", Fixtures.result("cam1", 1, T0 + 1, 10_000, 0.1));
        List<ClassStatistics> updates = stats.readValuesToList();
        assertEquals(List.of(1L, 2L), updates.stream().map(ClassStatistics::getFrameCount).toList());
    }

    @Test
    void shouldPublishStatisticsAsPlainJsonWhenConfigured() throws Exception {
        start(Map.of(SinkConfig.STATS_FORMAT_CONFIG, SinkConfig.STATS_FORMAT_JSON,
                SinkConfig.STATS_EMIT_CONFIG, SinkConfig.EMIT_ON_UPDATE, "kafka.statestore.cache.max.bytes", "0"));
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 10_000, 0.1));
        TestOutputTopic<String, byte[]> raw = driver.createOutputTopic(Topics.STATS.name(), new StringDeserializer(),
                new ByteArrayDeserializer());
        JsonNode json = new ObjectMapper().readTree(raw.readValue());
        assertEquals("cam1", json.get("cameraId").asText());
        assertEquals(1, json.get("frameCount").asLong());
        assertEquals(Cityscapes.NUM_CLASSES, json.get("meanPixelFraction").size());
        assertEquals("traffic light", json.get("classNames").get(Cityscapes.TRAFFIC_LIGHT).asText());
        assertTrue(json.get("windowStart").isIntegralNumber(), "epoch milliseconds");
        assertTrue(json.get("windowStart").asLong() <= T0 && T0 < json.get("windowEnd").asLong());
    }

    @Test
    void shouldCountFrameWithoutResultWhenJoinWindowCloses() {
        start(Map.of(SinkConfig.JOIN_WINDOW_MS_CONFIG, "1000"));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 0, T0, null));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 1, T0 + 5_000, null));
        assertEquals(1, metrics.framesWithoutResult());
        assertEquals(0, metrics.overlaysWritten());
    }

    @Test
    void shouldWriteEvaluationWhenFramesCarryGroundTruth() throws Exception {
        start(Map.of());
        byte[] gt = Fixtures.maskIds();
        gt[0] = 1;                               // one road pixel labelled sidewalk
        gt[W * H - 1] = (byte) Cityscapes.CAR;   // a car the model left without class
        frames.pipeInput("cam1", Fixtures.frame("cam1", 0, T0, gt));
        results.pipeInput("cam1", Fixtures.result("cam1", 0, T0, 40_000, 0.2));
        writer.close();
        writer = null;

        JsonNode json = new ObjectMapper().readTree(out("evaluation.json").toFile());
        JsonNode iou = json.at("/cameras/cam1/iou");
        assertEquals(5.0 / 6, iou.get("road").asDouble(), 1e-12);      // TP 5, FP 1 (sidewalk pixel)
        assertEquals(0.0, iou.get("sidewalk").asDouble(), 1e-12);      // TP 0, FN 1
        assertEquals(0.0, iou.get("car").asDouble(), 1e-12);           // TP 0, FN 1
        assertTrue(iou.get("wall").isNull());
        assertEquals((5.0 / 6 + 0 + 0 + 1 + 1 + 1) / 6, json.at("/total/mIoU").asDouble(), 1e-12);
        assertEquals(1, json.at("/total/frames").asInt());
        List<String> csv = csvLines("evaluation.csv");
        assertEquals(3, csv.size());
        assertTrue(csv.get(2).startsWith("total,,1,"));
    }

    @Test
    void shouldReportMeanRecomputedFractionPerCameraWhenFramesCarryState() throws Exception {
        start(Map.of());
        for (long seq = 0; seq < 2; seq++) {
            frames.pipeInput("cam1", Fixtures.frame("cam1", seq, T0 + seq, Fixtures.maskIds()));
            results.pipeInput("cam1", Fixtures.result("cam1", seq, T0 + seq, 40_000, 0.2));
        }
        frames.pipeInput("cam2", Fixtures.frame("cam2", 0, T0, Fixtures.maskIds()));
        results.pipeInput("cam2", Fixtures.result("cam2", 0, T0, 40_000, 0.2));
        writer.close();
        writer = null;

        double cam1 = (1.0 + Fixtures.DELTA_FRACTION) / 2;
        assertEquals(cam1, metrics.recomputePerCamera().get("cam1").meanRecomputedFraction(), 1e-12);
        assertEquals(1.0, metrics.recomputePerCamera().get("cam2").meanRecomputedFraction(), 1e-12);
        assertEquals(1, metrics.recompute().carried().frames());
        JsonNode json = new ObjectMapper().readTree(out("evaluation.json").toFile());
        assertEquals(cam1, json.at("/cameras/cam1/meanRecomputedFraction").asDouble(), 1e-12);
        assertEquals(1.0, json.at("/cameras/cam2/meanRecomputedFraction").asDouble(), 1e-12);
        assertEquals((2.0 + Fixtures.DELTA_FRACTION) / 3, json.at("/total/meanRecomputedFraction").asDouble(), 1e-12);
    }

    @Test
    void shouldSendUndecodableAndInvalidResultsToDeadLetterTopicWhileGoodOnesAreWritten() throws Exception {
        start(Map.of());
        TestInputTopic<String, byte[]> raw = driver.createInputTopic(Topics.RESULTS.name(), new StringSerializer(),
                new ByteArraySerializer());
        SegmentationResult badMask = Fixtures.result("cam1", 2, T0, 40_000, 0.2);
        badMask.setMask(ByteBuffer.wrap("not a png".getBytes(StandardCharsets.UTF_8)));
        byte[] badMaskBytes = resultSerializer().serialize(Topics.RESULTS.name(), badMask);
        byte[] notAvro = "not avro".getBytes(StandardCharsets.UTF_8);

        results.pipeInput("cam1", Fixtures.result("cam1", 1, T0, 40_000, 0.2));
        raw.pipeInput("cam1", notAvro);
        raw.pipeInput("cam1", badMaskBytes);
        results.pipeInput("other", Fixtures.result("cam1", 3, T0, 40_000, 0.2));
        raw.pipeInput("cam1", (byte[]) null);
        results.pipeInput("cam1", Fixtures.result("cam1", 4, T0, 40_000, 0.2));

        List<KeyValue<String, DeadLetter>> letters = deadLetters().readKeyValuesToList();
        assertEquals(4, letters.size());
        assertLetter(letters.get(0), "cam1", 1, notAvro,
                "Result at spikestream.results-0@1 (camera 'cam1') rejected: value is not a SegmentationResult record");
        assertLetter(letters.get(1), "cam1", 2, badMaskBytes,
                "Result at spikestream.results-0@2 (camera 'cam1') rejected: mask ");
        assertLetter(letters.get(2), "other", 3, null,
                "Result at spikestream.results-0@3 (camera 'other') rejected: record key 'other' differs");
        assertLetter(letters.get(3), "cam1", 4, null,
                "Result at spikestream.results-0@4 (camera 'cam1') rejected: the record has no value (tombstone)");
        assertEquals(2, metrics.deadLetters(Rejection.UNDECODABLE_RECORD));
        assertEquals(1, metrics.deadLetters(Rejection.UNDECODABLE_IMAGE));
        assertEquals(1, metrics.deadLetters(Rejection.INVALID_FIELD));
        assertEquals(2, metrics.resultsWritten());
        assertEquals(List.of("cam1_000001_trainIds.png", "cam1_000004_trainIds.png"), fileNames("cam1/masks"));
    }

    @Test
    void shouldSendResultWhoseMaskHasWrongSizeToDeadLetterTopic() {
        start(Map.of());
        SegmentationResult wide = Fixtures.result("cam1", 1, T0, 40_000, 0.2);
        wide.setWidth(W * 2);
        results.pipeInput("cam1", wide);
        DeadLetter letter = deadLetters().readValue();
        assertTrue(letter.getReason().endsWith("rejected: mask is " + W + "x" + H + " but the result says "
                + W * 2 + "x" + H), letter.getReason());
        assertEquals(1, metrics.deadLetters(Rejection.SIZE_MISMATCH));
        assertEquals(0, metrics.resultsWritten());
    }

    @Test
    void shouldSendFrameKafkaCannotDeserializeToDeadLetterTopicAndKeepJoining() throws Exception {
        start(Map.of());
        driver.createInputTopic(Topics.FRAMES.name(), new StringSerializer(), new ByteArraySerializer())
                .pipeInput("cam1", "not a frame".getBytes(StandardCharsets.UTF_8));
        frames.pipeInput("cam1", Fixtures.frame("cam1", 7, T0, null));
        results.pipeInput("cam1", Fixtures.result("cam1", 7, T0, 40_000, 0.2));

        DeadLetter letter = deadLetters().readValue();
        assertEquals(Topics.FRAMES.name(), letter.getSourceTopic());
        assertTrue(letter.getReason().startsWith(
                "Record at spikestream.frames-0@0 (camera 'cam1') rejected: Kafka could not deserialize it"),
                letter.getReason());
        assertEquals(1, metrics.deadLetters(Rejection.DESERIALIZATION));
        assertEquals(1, metrics.overlaysWritten());
    }

    private TestOutputTopic<String, DeadLetter> deadLetters() {
        return driver.createOutputTopic(Topics.RESULT_DEAD_LETTERS.name(), new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(Topics.RESULT_DEAD_LETTERS).deserializer());
    }

    private static org.apache.kafka.common.serialization.Serializer<SegmentationResult> resultSerializer() {
        return SerdeFactory.singleObject().valueSerde(Topics.RESULTS).serializer();
    }

    private static void assertLetter(KeyValue<String, DeadLetter> kv, String key, long offset, byte[] payload,
            String reasonStart) {
        DeadLetter letter = kv.value;
        assertEquals(key, kv.key);
        assertEquals(key, letter.getCameraId());
        assertEquals(Topics.RESULTS.name(), letter.getSourceTopic());
        assertEquals(0, letter.getPartition());
        assertEquals(offset, letter.getOffset());
        assertTrue(letter.getReason().startsWith(reasonStart), letter.getReason());
        assertFalse(letter.getErrorClass().isBlank());
        if (payload != null) {
            assertArrayEquals(payload, bytes(letter.getPayload()));
        }
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] out = new byte[buffer.remaining()];
        buffer.duplicate().get(out);
        return out;
    }

    private void start(Map<String, String> overrides) {
        SinkHarness harness = new SinkHarness(tmp, overrides, NOW);
        metrics = harness.metrics;
        writer = harness.writer;
        driver = harness.driver;
        results = harness.results;
        frames = harness.frames;
        stats = harness.stats;
    }

    private void stop() throws Exception {
        driver.close();
        driver = null;
        writer.close();
        writer = null;
    }

    private Path out(String relative) {
        return tmp.resolve("out").resolve(relative);
    }

    private List<String> csvLines(String relative) throws Exception {
        String text = Files.readString(out(relative), StandardCharsets.UTF_8);
        return List.of(text.split("\r\n"));
    }

    private List<String> fileNames(String relative) throws Exception {
        try (Stream<Path> files = Files.list(out(relative))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static int blend(int color) {
        int out = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            out |= (int) Math.round(0.5 * ((color >> shift) & 0xFF) + 0.5 * GREY) << shift;
        }
        return out;
    }
}
