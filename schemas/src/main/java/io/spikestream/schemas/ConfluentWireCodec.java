package io.spikestream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The Confluent wire format: magic byte {@code 0x00}, the 4-byte big-endian schema id, then Avro
 * binary. The schema is registered under {@code <topic>-value} ({@code TopicNameStrategy}); each
 * writer schema is fetched once by id and resolved against the current (reader) schema, so data
 * written with an older compatible schema stays readable.
 */
final class ConfluentWireCodec<V> implements AvroCodec<V> {

    static {
        TrustedAvroPackages.install();
    }

    private final SchemaRegistry registry;
    private final SpecificData model;
    private final Schema schema;
    private final SpecificDatumWriter<V> writer;
    private final Map<Integer, DatumReader<V>> readersById = new ConcurrentHashMap<>();

    ConfluentWireCodec(Class<V> type, SchemaRegistry registry) {
        this.registry = registry;
        this.model = SpecificData.getForClass(type);
        this.schema = model.getSchema(type);
        this.writer = new SpecificDatumWriter<>(schema, model);
    }

    @Override
    public byte[] encode(String topic, V value) {
        int id = registry.register(topic + "-value", schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        out.write(WireHeaders.CONFLUENT_MAGIC);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            writer.write(value, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public V decode(String topic, byte[] payload) {
        int id = schemaId(topic, payload);
        DatumReader<V> reader = readerFor(topic, id);
        BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(payload,
                WireHeaders.CONFLUENT_HEADER_LENGTH,
                payload.length - WireHeaders.CONFLUENT_HEADER_LENGTH, null);
        try {
            return reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw AvroCodec.bodyError(topic, e, payload);
        }
    }

    private static int schemaId(String topic, byte[] payload) {
        if (payload.length == 0 || payload[0] != WireHeaders.CONFLUENT_MAGIC) {
            throw AvroCodec.decodeError(topic, "unknown magic byte, expected 0x00; "
                    + WireHeaders.describe(payload), null);
        }
        if (payload.length < WireHeaders.CONFLUENT_HEADER_LENGTH) {
            throw AvroCodec.decodeError(topic, "truncated payload, " + WireHeaders.hexPrefix(payload)
                    + " is shorter than the 5-byte header", null);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    private DatumReader<V> readerFor(String topic, int id) {
        DatumReader<V> reader = readersById.get(id);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writerSchema(topic, id), schema, model);
            readersById.putIfAbsent(id, reader);
        }
        return reader;
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            String problem = e.errorCode() == 40403 || e.status() == 404
                    ? "unknown schema id " + id + " (" + e.getMessage() + ")"
                    : "cannot fetch writer schema id " + id + " (" + e.getMessage() + ")";
            throw AvroCodec.decodeError(topic, problem, e);
        }
    }
}
