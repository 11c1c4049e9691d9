package io.spikestream.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BinaryMessageEncoder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Avro single-object encoding: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of
 * the writer schema, then Avro binary (the format of the generated {@code getEncoder()}). Needs no
 * registry: the reader recognises the current schema and any older ones it was given by their
 * fingerprints.
 */
final class SingleObjectCodec<V> implements AvroCodec<V> {

    static {
        TrustedAvroPackages.install();
    }

    private final BinaryMessageEncoder<V> encoder;
    private final RecordReader<V> reader;
    private final Map<Long, Schema> writerSchemas = new HashMap<>();

    SingleObjectCodec(Class<V> type, Iterable<Schema> olderWriterSchemas) {
        this.reader = new RecordReader<>(type);
        this.encoder = new BinaryMessageEncoder<>(reader.model(), reader.readerSchema());
        addWriterSchema(reader.readerSchema());
        olderWriterSchemas.forEach(this::addWriterSchema);
    }

    @Override
    public byte[] encode(String topic, V value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try {
            encoder.encode(value, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public V decode(String topic, byte[] payload) {
        checkHeader(topic, payload);
        long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writerSchema = writerSchemas.get(fingerprint);
        if (writerSchema == null) {
            throw AvroCodec.decodeError(
                    topic,
                    String.format(
                            "unknown schema fingerprint 0x%016X:"
                                    + " written with a schema this reader does not know",
                            fingerprint),
                    null);
        }
        return reader.read(topic, writerSchema, payload, WireHeaders.SINGLE_OBJECT_HEADER_LENGTH);
    }

    private void addWriterSchema(Schema schema) {
        writerSchemas.put(SchemaNormalization.parsingFingerprint64(schema), schema);
    }

    private static void checkHeader(String topic, byte[] payload) {
        if (!WireHeaders.isSingleObject(payload)) {
            throw AvroCodec.decodeError(
                    topic,
                    "unknown magic bytes, expected 0xC3 0x01; " + WireHeaders.describe(payload),
                    null);
        }
        if (payload.length < WireHeaders.SINGLE_OBJECT_HEADER_LENGTH) {
            throw AvroCodec.decodeError(
                    topic,
                    "truncated payload, "
                            + WireHeaders.hexPrefix(payload)
                            + " is shorter than the 10-byte header",
                    null);
        }
    }
}
