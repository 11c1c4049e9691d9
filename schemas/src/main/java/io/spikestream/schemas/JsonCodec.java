package io.spikestream.schemas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.Encoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * Avro's JSON encoding, UTF-8, one JSON object per record: readable by any topic browser (kafka-ui, AKHQ,
 * Redpanda Console, kcat) without a registry. Timestamps are epoch milliseconds; a record with unions would
 * show them in Avro's wrapped form ({@code {"string": "x"}}), so this suits flat records such as the statistics.
 */
final class JsonCodec<V> implements AvroCodec<V> {

    private final RecordReader<V> reader;
    private final DatumWriter<V> writer;

    JsonCodec(Class<V> type) {
        this.reader = new RecordReader<>(type);
        this.writer = new SpecificDatumWriter<>(reader.readerSchema(), reader.model());
    }

    @Override
    public byte[] encode(String topic, V value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try {
            Encoder json = EncoderFactory.get().jsonEncoder(reader.readerSchema(), out);
            writer.write(value, json);
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Override
    public V decode(String topic, byte[] payload) {
        try {
            Decoder json = DecoderFactory.get().jsonDecoder(reader.readerSchema(),
                    new String(payload, StandardCharsets.UTF_8));
            return new SpecificDatumReader<V>(reader.readerSchema(), reader.readerSchema(), reader.model())
                    .read(null, json);
        } catch (IOException | AvroRuntimeException e) {
            throw AvroCodec.decodeError(topic, "not a JSON " + reader.readerSchema().getName() + " record ("
                    + e.getMessage() + "), " + WireHeaders.hexPrefix(payload), e);
        }
    }
}
