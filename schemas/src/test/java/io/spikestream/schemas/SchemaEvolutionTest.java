package io.spikestream.schemas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.spikestream.schemas.avro.ClassStatistics;
import io.spikestream.schemas.avro.DeadLetter;
import io.spikestream.schemas.avro.Frame;
import io.spikestream.schemas.avro.SegmentationResult;
import io.spikestream.schemas.avro.StageTimings;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaIncompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Released schemas ({@code src/test/resources/schemas/v1}) against the current ones, in both
 * directions, plus hand-made evolutions of {@code Frame} ({@code schemas/evolution}).
 */
class SchemaEvolutionTest {

    private static final Map<String, Schema> V1 = parseV1();
    private static final Map<String, Schema> CURRENT =
            Map.of(
                    "StageTimings", StageTimings.getClassSchema(),
                    "Frame", Frame.getClassSchema(),
                    "SegmentationResult", SegmentationResult.getClassSchema(),
                    "ClassStatistics", ClassStatistics.getClassSchema(),
                    "DeadLetter", DeadLetter.getClassSchema());

    static Stream<Arguments> compatibilityCases() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : V1.keySet()) {
            cases.add(
                    compatible(
                            "current " + name + " reads v1 data", CURRENT.get(name), V1.get(name)));
            cases.add(
                    compatible(
                            "v1 " + name + " reads current data", V1.get(name), CURRENT.get(name)));
        }
        Schema v0 = evolution("Frame-v0-without-source");
        Schema v2 = evolution("Frame-v2-added-optional-field");
        Schema required = evolution("Frame-incompatible-required-field");
        Schema retyped = evolution("Frame-incompatible-type-change");
        Schema frame = Frame.getClassSchema();
        cases.add(compatible("current Frame reads data without the later 'source'", frame, v0));
        cases.add(compatible("current Frame reads data with an added optional field", frame, v2));
        cases.add(compatible("Frame with an added optional field reads current data", v2, frame));
        cases.add(
                Arguments.of(
                        "new required field without default cannot read current data",
                        required,
                        frame,
                        SchemaIncompatibilityType.READER_FIELD_MISSING_DEFAULT_VALUE,
                        "/fields/9"));
        cases.add(
                Arguments.of(
                        "current Frame cannot read a sequence written as string",
                        frame,
                        retyped,
                        SchemaIncompatibilityType.TYPE_MISMATCH,
                        "/fields/1/type"));
        cases.add(
                Arguments.of(
                        "string sequence cannot read current data",
                        retyped,
                        frame,
                        SchemaIncompatibilityType.TYPE_MISMATCH,
                        "/fields/1/type"));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("compatibilityCases")
    void shouldMatchExpectedCompatibilityWhenReaderMeetsWriter(
            String description,
            Schema reader,
            Schema writer,
            SchemaIncompatibilityType expected,
            String location) {
        SchemaPairCompatibility result =
                SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);

        if (expected == null) {
            assertEquals(
                    SchemaCompatibilityType.COMPATIBLE, result.getType(), result::getDescription);
            return;
        }
        assertEquals(SchemaCompatibilityType.INCOMPATIBLE, result.getType());
        Incompatibility first = result.getResult().getIncompatibilities().get(0);
        assertEquals(expected, first.getType());
        assertEquals(location, first.getLocation());
    }

    static Stream<Arguments> records() {
        return Stream.of(
                        SampleRecords.frameWithGroundTruth(),
                        SampleRecords.result(),
                        SampleRecords.stats(),
                        SampleRecords.deadLetterWithoutKeyOrPayload())
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("records")
    void shouldRoundTripThroughV1ReaderAndWriterWhenDataIsCurrent(SpecificRecordBase value)
            throws IOException {
        Schema v1 = V1.get(value.getSchema().getName());

        assertEquals(withFieldsAddedSinceAtDefault(value, v1), throughV1(value));
    }

    @Test
    void shouldReadFullPassWhenResultWasWrittenBeforeRecomputedFraction() throws IOException {
        SegmentationResult result = SampleRecords.result();

        SegmentationResult read = (SegmentationResult) throughV1(result);

        assertEquals(0.25, result.getRecomputedFraction());
        assertEquals(1.0, read.getRecomputedFraction());
        assertEquals(result.getSequence(), read.getSequence());
    }

    @Test
    void shouldReadFullPassWhenStatisticsWereWrittenBeforeMeanRecomputedFraction()
            throws IOException {
        ClassStatistics stats = SampleRecords.stats();

        ClassStatistics read = (ClassStatistics) throughV1(stats);

        assertEquals(0.6, stats.getMeanRecomputedFraction());
        assertEquals(1.0, read.getMeanRecomputedFraction());
        assertEquals(stats.getFrameCount(), read.getFrameCount());
    }

    @Test
    void shouldFillDefaultWhenSingleObjectDataWrittenWithOlderKnownSchema() {
        Schema v0 = evolution("Frame-v0-without-source");
        byte[] bytes = singleObjectV0(v0);

        Deserializer<Frame> deserializer =
                SerdeFactory.singleObject().valueSerde(Topics.FRAMES, List.of(v0)).deserializer();
        Frame frame = deserializer.deserialize(Topics.FRAMES.name(), bytes);

        assertEquals("cam-1", frame.getCameraId());
        assertEquals(SampleRecords.CAPTURED, frame.getCaptureTime());
        assertNull(frame.getSource());
    }

    @Test
    void shouldFillDefaultWhenRegistryDataWrittenWithOlderSchema() throws IOException {
        Schema v0 = evolution("Frame-v0-without-source");
        try (FakeSchemaRegistry registry = new FakeSchemaRegistry()) {
            int id = registry.preload(v0);
            byte[] body = writeGeneric(frameV0(v0), v0);
            byte[] bytes =
                    ByteBuffer.allocate(5 + body.length).put((byte) 0).putInt(id).put(body).array();

            Frame frame =
                    SerdeFactory.confluent(
                                    new HttpSchemaRegistryClient(
                                            registry.url(),
                                            Duration.ofSeconds(5),
                                            Optional.empty()))
                            .valueSerde(Topics.FRAMES)
                            .deserializer()
                            .deserialize(Topics.FRAMES.name(), bytes);

            assertEquals(42L, frame.getSequence());
            assertNull(frame.getSource());
        }
    }

    /** Writes {@code value} as a v1 writer would have (fields added since dropped), reads it back as current. */
    private static SpecificRecord throughV1(SpecificRecordBase value) throws IOException {
        Schema v1 = V1.get(value.getSchema().getName());
        byte[] writtenByV1 = writeGeneric(readGeneric(writeSpecific(value), value.getSchema(), v1), v1);
        GenericDatumReader<SpecificRecord> currentReader =
                new SpecificDatumReader<>(v1, value.getSchema(), value.getSpecificData());
        return currentReader.read(null, DecoderFactory.get().binaryDecoder(writtenByV1, null));
    }

    private static SpecificRecordBase withFieldsAddedSinceAtDefault(
            SpecificRecordBase value, Schema older) {
        SpecificData data = value.getSpecificData();
        SpecificRecordBase copy = data.deepCopy(value.getSchema(), value);
        for (Schema.Field field : value.getSchema().getFields()) {
            if (older.getField(field.name()) == null) {
                copy.put(field.pos(), data.getDefaultValue(field));
            }
        }
        return copy;
    }

    private static Arguments compatible(String description, Schema reader, Schema writer) {
        return Arguments.of(description, reader, writer, null, null);
    }

    private static byte[] singleObjectV0(Schema v0) {
        try {
            return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), v0)
                    .encode(frameV0(v0))
                    .array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static GenericRecord frameV0(Schema v0) {
        GenericRecord record = new GenericData.Record(v0);
        record.put("cameraId", "cam-1");
        record.put("sequence", 42L);
        record.put("captureTime", SampleRecords.CAPTURED.toEpochMilli());
        record.put("width", 64);
        record.put("height", 32);
        record.put("encoding", new GenericData.EnumSymbol(v0.getField("encoding").schema(), "PNG"));
        record.put("image", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        record.put("groundTruthMask", null);
        return record;
    }

    private static byte[] writeSpecific(SpecificRecordBase value) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new SpecificDatumWriter<SpecificRecord>(value.getSchema(), value.getSpecificData())
                .write(value, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static GenericRecord readGeneric(byte[] bytes, Schema writer, Schema reader)
            throws IOException {
        return new GenericDatumReader<GenericRecord>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(bytes, null));
    }

    private static byte[] writeGeneric(GenericRecord record, Schema schema) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
        encoder.flush();
        return out.toByteArray();
    }

    private static Map<String, Schema> parseV1() {
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> schemas = new LinkedHashMap<>();
        for (String name :
                List.of(
                        "StageTimings",
                        "Frame",
                        "SegmentationResult",
                        "ClassStatistics",
                        "DeadLetter")) {
            schemas.put(name, parse(parser, "/schemas/v1/" + name + ".avsc"));
        }
        return schemas;
    }

    private static Schema evolution(String name) {
        return parse(new Schema.Parser(), "/schemas/evolution/" + name + ".avsc");
    }

    private static Schema parse(Schema.Parser parser, String resource) {
        try (InputStream in = SchemaEvolutionTest.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing test resource " + resource);
            }
            return parser.parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
