package io.spikestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

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
    private final RecordReader<V> reader;
    private final SpecificDatumWriter<V> writer;

    ConfluentWireCodec(Class<V> type, SchemaRegistry registry) {
        this.registry = registry;
        this.reader = new RecordReader<>(type);
        this.writer = new SpecificDatumWriter<>(reader.readerSchema(), reader.model());
    }

    @Override
    public byte[] encode(String topic, V value) {
        int id = registry.register(topic + "-value", reader.readerSchema());
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
        Schema writerSchema = writerSchema(topic, id);
        return reader.read(topic, writerSchema, payload, WireHeaders.CONFLUENT_HEADER_LENGTH);
    }

    private static int schemaId(String topic, byte[] payload) {
        if (payload.length == 0 || payload[0] != WireHeaders.CONFLUENT_MAGIC) {
            throw AvroCodec.decodeError(
                    topic,
                    "unknown magic byte, expected 0x00; " + WireHeaders.describe(payload),
                    null);
        }
        if (payload.length < WireHeaders.CONFLUENT_HEADER_LENGTH) {
            throw AvroCodec.decodeError(
                    topic,
                    "truncated payload, "
                            + WireHeaders.hexPrefix(payload)
                            + " is shorter than the 5-byte header",
                    null);
        }
        return ByteBuffer.wrap(payload, 1, 4).getInt();
    }

    private Schema writerSchema(String topic, int id) {
        try {
            return registry.schemaById(id);
        } catch (SchemaRegistryException e) {
            String problem =
                    e.errorCode() == 40403 || e.status() == 404
                            ? "unknown schema id " + id + " (" + e.getMessage() + ")"
                            : "cannot fetch writer schema id " + id + " (" + e.getMessage() + ")";
            throw AvroCodec.decodeError(topic, problem, e);
        }
    }
}
