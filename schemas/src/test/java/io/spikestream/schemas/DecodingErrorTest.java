package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.Frame;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;

class DecodingErrorTest {

    private static final String TOPIC = "cams.frames";
    private static final byte[] GARBAGE = "hello, world".getBytes(StandardCharsets.US_ASCII);

    private static FakeSchemaRegistry registry;
    private static Serde<Frame> singleObject;
    private static Serde<Frame> confluent;

    @BeforeAll
    static void setUp() throws IOException {
        registry = new FakeSchemaRegistry();
        singleObject = SerdeFactory.singleObject().valueSerde(Topics.FRAMES);
        confluent =
                SerdeFactory.confluent(
                                new HttpSchemaRegistryClient(
                                        registry.url(), Duration.ofSeconds(5), Optional.empty()))
                        .valueSerde(Topics.FRAMES);
    }

    @AfterAll
    static void tearDown() {
        registry.close();
    }

    @Test
    void shouldNameMagicBytesWhenSingleObjectGetsGarbage() {
        assertFails(
                singleObject,
                GARBAGE,
                "unknown magic bytes, expected 0xC3 0x01",
                "0x68656C6C6F2C2077... (12 bytes)");
    }

    @Test
    void shouldNameMagicByteWhenConfluentGetsGarbage() {
        assertFails(confluent, GARBAGE, "unknown magic byte, expected 0x00", "0x68656C6C6F2C2077");
    }

    @Test
    void shouldPointToRegistrySettingWhenSingleObjectGetsConfluentBytes() {
        byte[] bytes = confluent.serializer().serialize(TOPIC, SampleRecords.frame());
        assertFails(
                singleObject, bytes, "Confluent wire format (schema id 1)", "schema.registry.url");
    }

    @Test
    void shouldPointToRegistrySettingWhenConfluentGetsSingleObjectBytes() {
        byte[] bytes = singleObject.serializer().serialize(TOPIC, SampleRecords.frame());
        assertFails(
                confluent,
                bytes,
                "single-object encoding",
                "the producer had no schema.registry.url");
    }

    @Test
    void shouldReportUnknownFingerprintWhenWriterSchemaNotKnown() {
        byte[] bytes = singleObject.serializer().serialize(TOPIC, SampleRecords.frame());
        Arrays.fill(bytes, 2, 10, (byte) 0x5A);
        assertFails(singleObject, bytes, "unknown schema fingerprint 0x5A5A5A5A5A5A5A5A");
    }

    @Test
    void shouldReportUnknownSchemaIdWhenRegistryLacksIt() {
        byte[] bytes = ByteBuffer.allocate(8).put((byte) 0).putInt(999).array();
        assertFails(confluent, bytes, "unknown schema id 999", "Schema 999 not found");
    }

    @Test
    void shouldReportTruncationWhenHeaderIsCut() {
        assertFails(
                singleObject,
                new byte[] {(byte) 0xC3, 0x01, 7},
                "truncated payload",
                "shorter than the 10-byte header");
        assertFails(
                confluent,
                new byte[] {0, 0, 1},
                "truncated payload",
                "shorter than the 5-byte header");
    }

    @Test
    void shouldReportTruncationWhenBodyIsCut() {
        for (Serde<Frame> serde : Arrays.asList(singleObject, confluent)) {
            byte[] bytes =
                    serde.serializer().serialize(TOPIC, SampleRecords.frameWithGroundTruth());
            assertFails(
                    serde,
                    Arrays.copyOf(bytes, bytes.length - 6),
                    "truncated payload",
                    "the Avro body ends early");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void shouldThrowSerializationExceptionWhenBodyIsRandom(int seed) {
        byte[] valid = singleObject.serializer().serialize(TOPIC, SampleRecords.frame());
        byte[] bytes = Arrays.copyOf(valid, 10 + 40);
        byte[] noise = new byte[40];
        new Random(seed).nextBytes(noise);
        System.arraycopy(noise, 0, bytes, 10, noise.length);

        assertFails(singleObject, bytes, "Cannot decode value from topic " + TOPIC);
    }

    @Test
    void shouldReportTruncationWithoutAllocatingWhenLengthsPointPastTheEnd() throws IOException {
        Serde<ClassStatistics> stats = SerdeFactory.singleObject().valueSerde(Topics.STATS);
        byte[] header =
                Arrays.copyOf(stats.serializer().serialize(TOPIC, SampleRecords.stats()), 10);
        byte[] hugeArray =
                concat(
                        header,
                        body(
                                e -> {
                                    e.writeString("cam-1");
                                    e.writeLong(0);
                                    e.writeLong(1);
                                    e.writeLong(2);
                                    e.writeLong(2_000_000_000L);
                                }));
        byte[] hugeString =
                concat(
                        Arrays.copyOf(
                                singleObject.serializer().serialize(TOPIC, SampleRecords.frame()),
                                10),
                        body(e -> e.writeLong(1_500_000_000L)));

        byte[] confluentHeader =
                ByteBuffer.allocate(5)
                        .put((byte) 0)
                        .putInt(registry.preload(Frame.getClassSchema()))
                        .array();
        byte[] hugeConfluentString =
                concat(confluentHeader, body(e -> e.writeLong(1_500_000_000L)));

        assertAllocatesLittle(() -> assertFails(stats, hugeArray, "truncated payload"));
        assertAllocatesLittle(() -> assertFails(singleObject, hugeString, "truncated payload"));
        assertAllocatesLittle(
                () -> assertFails(confluent, hugeConfluentString, "truncated payload"));
    }

    private static void assertAllocatesLittle(Runnable decoding) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        decoding.run();
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < 16 << 20, "allocated " + allocated + " bytes");
    }

    private interface BodyWriter {
        void write(BinaryEncoder encoder) throws IOException;
    }

    private static byte[] body(BodyWriter writer) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        writer.write(encoder);
        encoder.flush();
        out.write(new byte[16]);
        return out.toByteArray();
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] out = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, out, first.length, second.length);
        return out;
    }

    private static <V> void assertFails(Serde<V> serde, byte[] bytes, String... expectedParts) {
        Deserializer<V> deserializer = serde.deserializer();
        SerializationException e =
                assertThrows(
                        SerializationException.class, () -> deserializer.deserialize(TOPIC, bytes));
        assertTrue(
                e.getMessage().startsWith("Cannot decode value from topic " + TOPIC + ": "),
                e.getMessage());
        for (String part : expectedParts) {
            assertTrue(
                    e.getMessage().contains(part),
                    () -> "'" + part + "' missing in: " + e.getMessage());
        }
    }
}
