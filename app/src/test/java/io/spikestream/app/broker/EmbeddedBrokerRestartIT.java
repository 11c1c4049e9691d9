package io.spikestream.app.broker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

class EmbeddedBrokerRestartIT {

    private static final String TOPIC = "kept";

    @Test
    void shouldKeepTopicsAndRecordsAcrossARestartOnTheSameDataDirectoryAndPort(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("broker");
        String first;
        try (EmbeddedBroker broker = EmbeddedBroker.startOn(data, 0)) {
            first = broker.bootstrapServers();
            produce(first, "a", "b", "c");
        }
        assertTrue(Files.isDirectory(data.resolve("data")), "the data is kept on close");
        try (EmbeddedBroker again = EmbeddedBroker.startOn(data, 0)) {
            assertEquals(first, again.bootstrapServers(), "the saved port is reused");
            produce(again.bootstrapServers(), "d");
            assertEquals(List.of("a", "b", "c", "d"), readAll(again.bootstrapServers()));
        }
    }

    @Test
    void shouldDeleteATemporaryBrokersDataOnClose() throws Exception {
        Path data;
        try (EmbeddedBroker broker = EmbeddedBroker.start()) {
            data = broker.dataDir();
            assertTrue(Files.isDirectory(data));
        }
        assertFalse(Files.exists(data));
    }

    private static void produce(String bootstrap, String... values) throws Exception {
        Map<String, Object> p = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(p, new StringSerializer(), new StringSerializer())) {
            for (String v : values) {
                producer.send(new ProducerRecord<>(TOPIC, "k", v)).get();
            }
        }
    }

    private static List<String> readAll(String bootstrap) {
        Map<String, Object> c = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "restart-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(c, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.size() < 4 && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(500))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }
}
