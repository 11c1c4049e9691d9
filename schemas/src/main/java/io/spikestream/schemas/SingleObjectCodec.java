package io.spikestream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;

/**
 * Avro single-object encoding: {@code C3 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of
 * the writer schema, then Avro binary. Needs no registry; a writer schema is recognised by its
 * fingerprint, so the reader knows the current schema and any older ones added to it.
 */
final class SingleObjectCodec<V> implements AvroCodec<V> {

    static {
        TrustedAvroPackages.install();
    }

    private final BinaryMessageEncoder<V> encoder;
    private final BinaryMessageDecoder<V> decoder;

    SingleObjectCodec(Class<V> type, Iterable<Schema> olderWriterSchemas) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        olderWriterSchemas.forEach(decoder::addSchema);
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
        try {
            return decoder.decode(payload);
        } catch (MissingSchemaException e) {
            throw AvroCodec.decodeError(topic, "unknown schema fingerprint " + fingerprint(payload)
                    + ": written with a schema this reader does not know", e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException
                | NegativeArraySizeException e) {
            throw AvroCodec.bodyError(topic, e, payload);
        }
    }

    private static void checkHeader(String topic, byte[] payload) {
        if (!WireHeaders.isSingleObject(payload)) {
            throw AvroCodec.decodeError(topic, "unknown magic bytes, expected 0xC3 0x01; "
                    + WireHeaders.describe(payload), null);
        }
        if (payload.length < WireHeaders.SINGLE_OBJECT_HEADER_LENGTH) {
            throw AvroCodec.decodeError(topic, "truncated payload, "
                    + WireHeaders.hexPrefix(payload) + " is shorter than the 10-byte header", null);
        }
    }

    private static String fingerprint(byte[] payload) {
        long fingerprint = ByteBuffer.wrap(payload, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        return String.format("0x%016X", fingerprint);
    }
}
