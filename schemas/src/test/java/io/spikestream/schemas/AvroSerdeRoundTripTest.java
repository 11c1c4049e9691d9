package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spikestream.schemas.avro.Frame;

import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Stream;

class AvroSerdeRoundTripTest {

    private static FakeSchemaRegistry registry;

    @BeforeAll
    static void startRegistry() throws IOException {
        registry = new FakeSchemaRegistry();
    }

    @AfterAll
    static void stopRegistry() {
        registry.close();
    }

    static Stream<Arguments> records() {
        return Stream.of(
                Arguments.of(Topics.FRAMES, SampleRecords.frame()),
                Arguments.of(Topics.FRAMES, SampleRecords.frameWithGroundTruth()),
                Arguments.of(Topics.RESULTS, SampleRecords.result()),
                Arguments.of(Topics.RESULTS, SampleRecords.resultWithoutGroundTruth()),
                Arguments.of(Topics.STATS, SampleRecords.stats()),
                Arguments.of(Topics.DEAD_LETTERS, SampleRecords.deadLetter()),
                Arguments.of(Topics.DEAD_LETTERS, SampleRecords.deadLetterWithoutKeyOrPayload()));
    }

    @ParameterizedTest
    @MethodSource("records")
    <V extends SpecificRecord> void shouldRoundTripWhenSingleObjectEncoded(
            TopicSpec<V> spec, V value) {
        Serde<V> serde = SerdeFactory.singleObject().valueSerde(spec);
        byte[] bytes = serde.serializer().serialize(spec.name(), value);

        long fingerprint = SchemaNormalization.parsingFingerprint64(spec.valueSchema());
        ByteBuffer header =
                ByteBuffer.allocate(10)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .put((byte) 0xC3)
                        .put((byte) 0x01)
                        .putLong(fingerprint);
        assertArrayEquals(header.array(), Arrays.copyOf(bytes, 10));
        assertEquals(value, serde.deserializer().deserialize(spec.name(), bytes));
    }

    @ParameterizedTest
    @MethodSource("records")
    <V extends SpecificRecord> void shouldRoundTripWhenConfluentEncoded(
            TopicSpec<V> spec, V value) {
        Serde<V> serde = confluent().valueSerde(spec);
        byte[] bytes = serde.serializer().serialize(spec.name(), value);

        int id = registry.preload(spec.valueSchema());
        byte[] header = ByteBuffer.allocate(5).put((byte) 0).putInt(id).array();
        assertArrayEquals(header, Arrays.copyOf(bytes, 5));
        assertEquals(value, serde.deserializer().deserialize(spec.name(), bytes));
    }

    @Test
    void shouldMatchGeneratedEncoderWhenSingleObjectEncoded() throws IOException {
        Frame frame = SampleRecords.frameWithGroundTruth();
        byte[] bytes =
                SerdeFactory.singleObject()
                        .valueSerde(Topics.FRAMES)
                        .serializer()
                        .serialize(Topics.FRAMES.name(), frame);

        assertEquals(Frame.getEncoder().encode(frame), ByteBuffer.wrap(bytes));
        assertEquals(frame, Frame.getDecoder().decode(bytes));
    }

    @Test
    void shouldPassNullThroughWhenValueIsTombstone() {
        for (SerdeFactory factory : new SerdeFactory[] {SerdeFactory.singleObject(), confluent()}) {
            Serde<Frame> serde = factory.valueSerde(Topics.FRAMES);
            assertNull(serde.serializer().serialize(Topics.FRAMES.name(), null));
            assertNull(serde.deserializer().deserialize(Topics.FRAMES.name(), null));
        }
    }

    @Test
    void shouldEncodeCameraIdAsUtf8WhenKey() {
        Serde<String> keys = SerdeFactory.singleObject().keySerde();
        byte[] bytes = keys.serializer().serialize(Topics.FRAMES.name(), "kamera-ä");

        assertArrayEquals("kamera-ä".getBytes(StandardCharsets.UTF_8), bytes);
        assertEquals("kamera-ä", keys.deserializer().deserialize(Topics.FRAMES.name(), bytes));
    }

    private static SerdeFactory confluent() {
        return SerdeFactory.confluent(
                new HttpSchemaRegistryClient(
                        registry.url(), Duration.ofSeconds(5), Optional.empty()));
    }
}
