package io.spikestream.schemas;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Reads an Avro binary body written with some writer schema into the current generated class,
 * resolving writer against reader schema (added fields get their defaults, removed ones are
 * skipped). One resolving reader is cached per writer schema. Thread-safe.
 *
 * <p>Bodies are decoded from the byte array, never from a stream: then Avro knows how many bytes
 * remain and rejects a string, bytes or array length that points past the end before allocating it.
 * (The generated {@code getDecoder()} reads from a stream, where a garbage length makes Avro
 * allocate up to 2 GiB before it notices the end of the data.)
 */
final class RecordReader<V> {

    private final SpecificData model;
    private final Schema readerSchema;
    private final Map<Schema, DatumReader<V>> readersByWriter = new ConcurrentHashMap<>();

    RecordReader(Class<V> type) {
        this.model = SpecificData.getForClass(type);
        this.readerSchema = model.getSchema(type);
    }

    Schema readerSchema() {
        return readerSchema;
    }

    SpecificData model() {
        return model;
    }

    /** Reads the body that starts at {@code offset}; failures name {@code topic}. */
    V read(String topic, Schema writerSchema, byte[] payload, int offset) {
        int length = payload.length - offset;
        try {
            BinaryDecoder decoder =
                    DecoderFactory.get().binaryDecoder(payload, offset, length, null);
            return readerFor(writerSchema).read(null, decoder);
        } catch (IOException
                | AvroRuntimeException
                | IndexOutOfBoundsException
                | NegativeArraySizeException
                | UnsupportedOperationException e) {
            throw AvroCodec.bodyError(topic, e, payload);
        }
    }

    private DatumReader<V> readerFor(Schema writerSchema) {
        DatumReader<V> reader = readersByWriter.get(writerSchema);
        if (reader == null) {
            reader = new SpecificDatumReader<>(writerSchema, readerSchema, model);
            readersByWriter.putIfAbsent(writerSchema, reader);
        }
        return reader;
    }
}
