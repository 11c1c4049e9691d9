package io.spikestream.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.spikestream.app.broker.EmbeddedBroker;
import io.spikestream.schemas.SerdeFactory;
import io.spikestream.schemas.Topics;
import io.spikestream.schemas.avro.Frame;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A restarted {@code spikestream ingest} continues its camera's numbering from the frames topic (issue 9.3). */
class IngestSequenceContinuityIT {

    private static final int PARTITIONS = 4;

    private static EmbeddedBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = EmbeddedBroker.start();
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    private static void ingest(String prefix, String camera, int frames, String... more) {
        String[] args = {"ingest", "--bootstrap-servers", broker.bootstrapServers(), "--input",
            "synthetic:seed=3,frames=" + frames + ",width=128,height=64", "--pacing", "max", "--camera-id", camera,
            "--set", "topics.prefix=" + prefix, "--set", "topics.partitions=" + PARTITIONS};
        String[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        CliRunner.Run run = CliRunner.run(all);
        assertEquals(0, run.exitCode(), run.err());
    }

    /** Each camera's sequences in the order of the topic, and the partitions that hold it. */
    private static Map<String, List<Long>> sequences(String topic, Map<String, TreeSet<Integer>> partitions) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 << 20);
        Map<String, List<Long>> byCamera = new TreeMap<>();
        try (KafkaConsumer<String, Frame> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                SerdeFactory.singleObject().valueSerde(Topics.FRAMES).deserializer())) {
            List<TopicPartition> tps = IntStream.range(0, PARTITIONS).mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, Frame> r : consumer.poll(Duration.ofMillis(200))) {
                    byCamera.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r.value().getSequence());
                    partitions.computeIfAbsent(r.key(), k -> new TreeSet<>()).add(r.partition());
                }
            }
        }
        return byCamera;
    }

    private static List<Long> range(long from, long toExclusive) {
        return LongStream.range(from, toExclusive).boxed().toList();
    }

    private static int partitionOf(String camera) {
        return BuiltInPartitioner.partitionForKey(camera.getBytes(StandardCharsets.UTF_8), PARTITIONS);
    }

    @Test
    void shouldHoldEverySequenceOnceWhenIngestOfACameraRestarts() {
        ingest("restart.", "cam-1", 5);
        ingest("restart.", "cam-1", 5);
        Map<String, List<Long>> topic = sequences("restart.spikestream.frames", new TreeMap<>());
        assertEquals(Map.of("cam-1", range(0, 10)), topic);
    }

    @Test
    void shouldFindTheCamerasOwnNumberingWhenAnotherCameraWroteToItsPartitionSince() {
        String neighbour = IntStream.range(0, 1000).mapToObj(i -> "neighbour-" + i)
                .filter(c -> partitionOf(c) == partitionOf("cam-1")).findFirst().orElseThrow();
        ingest("shared.", "cam-1", 5);
        ingest("shared.", neighbour, 3);
        ingest("shared.", "cam-1", 5);
        Map<String, TreeSet<Integer>> partitions = new TreeMap<>();
        Map<String, List<Long>> topic = sequences("shared.spikestream.frames", partitions);
        assertEquals(Map.of("cam-1", range(0, 10), neighbour, range(0, 3)), topic);
        assertEquals(partitions.get("cam-1"), partitions.get(neighbour), "both cameras in one partition");
        assertEquals(1, partitions.get("cam-1").size());
    }

    @Test
    void shouldStartAtTheGivenSequenceWhenSequenceStartIsSet() {
        ingest("start.", "cam-1", 2);
        ingest("start.", "cam-1", 2, "--sequence-start", "100");
        ingest("start.", "cam-1", 1);
        assertEquals(Map.of("cam-1", List.of(0L, 1L, 100L, 101L, 102L)),
                sequences("start.spikestream.frames", new TreeMap<>()));
    }
}
