package io.spikestream.schemas;

import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A configured serde for one generated record type; {@code null} stays {@code null} (tombstones).
 * Build it with {@link SerdeFactory}; {@code configure} is a no-op because all settings are given
 * at construction.
 *
 * @param <V> the generated record type
 */
public final class AvroSerde<V> implements Serde<V> {

    private final AvroCodec<V> codec;

    AvroSerde(AvroCodec<V> codec) {
        this.codec = codec;
    }

    @Override
    public Serializer<V> serializer() {
        return (topic, value) -> value == null ? null : codec.encode(topic, value);
    }

    @Override
    public Deserializer<V> deserializer() {
        return (topic, payload) -> payload == null ? null : codec.decode(topic, payload);
    }
}
