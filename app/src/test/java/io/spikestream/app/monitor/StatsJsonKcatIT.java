package io.spikestream.app.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;
import io.spikestream.sink.Fixtures;
import io.spikestream.sink.SinkConfig;
import io.spikestream.sink.SinkService;
import io.spikestream.vision.Cityscapes;
import io.spikestream.vision.TrainIdMask;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code stats.format=json}: the statistics topic read by kcat (Debian's package, which {@code .ci/run} installs),
 * a client nobody here wrote, without a registry: every record is a JSON object with the camera's numbers.
 */
class StatsJsonKcatIT {

    private static final Path KCAT = Path.of("/usr/bin/kcat");
    private static final int W = 8;
    private static final int H = 4;

    @TempDir
    Path tmp;

    @Test
    void kcatReadsTheStatisticsAsJson() throws Exception {
        assumeTrue(Files.isExecutable(KCAT), "kcat is missing: apt-get install kcat (.ci/run does)");
        try (EmbeddedBroker broker = EmbeddedBroker.start();
                SinkService sink = new SinkService(new SinkConfig(sinkSettings(broker)))) {
            sink.start();
            try (KafkaProducer<String, SegmentationResult> producer = producer(broker)) {
                for (int sequence = 0; sequence < 3; sequence++) {
                    producer.send(new ProducerRecord<>(Topics.RESULTS.name(), "cam-7", result("cam-7", sequence)));
                }
            }
            List<JsonNode> records = consume(broker, 3);
            JsonNode last = records.get(records.size() - 1);
            assertEquals("cam-7", last.get("cameraId").asText());
            assertEquals(3, last.get("frameCount").asLong());
            assertEquals(Cityscapes.NUM_CLASSES, last.get("classNames").size());
            assertEquals(1.0, last.get("meanPixelFraction").get(Cityscapes.ROAD).asDouble(), 1e-12);
            assertEquals(0.25, last.get("meanFiringRate").asDouble(), 1e-12);
        }
    }

    /** kcat -C until {@code frames} frames were counted in a window record (each update is a record). */
    private static List<JsonNode> consume(EmbeddedBroker broker, int frames) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        List<JsonNode> records = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Process kcat = new ProcessBuilder(KCAT.toString(), "-b", broker.bootstrapServers(), "-C", "-t",
                    Topics.STATS.name(), "-o", "beginning", "-e", "-q", "-f", "%s\\n").start();
            String out = new String(kcat.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(kcat.waitFor(30, TimeUnit.SECONDS));
            records.clear();
            for (String line : out.split("\n")) {
                if (!line.isBlank()) {
                    records.add(new ObjectMapper().readTree(line));
                }
            }
            if (!records.isEmpty() && records.get(records.size() - 1).get("frameCount").asLong() >= frames) {
                return records;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("kcat saw no statistics of " + frames + " frames: " + records);
    }

    private Map<String, Object> sinkSettings(EmbeddedBroker broker) {
        Map<String, Object> m = new HashMap<>();
        m.put(SinkConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        m.put(SinkConfig.OUTPUT_DIR_CONFIG, tmp.resolve("out").toString());
        m.put(SinkConfig.STATE_DIR_CONFIG, tmp.resolve("state").toString());
        m.put(SinkConfig.STATS_FORMAT_CONFIG, SinkConfig.STATS_FORMAT_JSON);
        m.put(SinkConfig.STATS_EMIT_CONFIG, SinkConfig.EMIT_ON_UPDATE);
        m.put("kafka.statestore.cache.max.bytes", "0");
        return m;
    }

    private static KafkaProducer<String, SegmentationResult> producer(EmbeddedBroker broker) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
                new StringSerializer(), SerdeFactory.singleObject().valueSerde(Topics.RESULTS).serializer());
    }

    /** A segmented frame that is all road. */
    private static SegmentationResult result(String camera, long sequence) {
        byte[] ids = new byte[W * H];
        Arrays.fill(ids, (byte) Cityscapes.ROAD);
        return Fixtures.segmented(camera, sequence, System.currentTimeMillis(), new TrainIdMask(W, H, ids))
                .setTimings(new StageTimings(1L, 2L, 3L, 4L, 5L, 6L)).setMeanFiringRate(0.25)
                .setEnergyMillijoules(1.0).setModelId("test").setStateCarried(false).setBatchSize(1)
                .setRecomputedFraction(1.0).build();
    }
}
