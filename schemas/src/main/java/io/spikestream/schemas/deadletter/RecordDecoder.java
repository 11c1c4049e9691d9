package io.spikestream.schemas.deadletter;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Turns a raw record value into its Avro record through a {@code SerdeFactory} deserializer; an empty value
 * (tombstone) or one that does not deserialize is an {@link InvalidRecordException} of kind
 * {@link Rejection#UNDECODABLE_RECORD}. Stages read values as bytes and decode them with this so that every
 * decoding problem can be dead-lettered with the original bytes.
 *
 * @param <V> the record type
 */
public final class RecordDecoder<V extends SpecificRecord> {

    private final Deserializer<V> deserializer;
    private final String typeName;

    /**
     * Creates the decoder.
     *
     * @param deserializer the value deserializer of the topic
     * @param type the record type, named in messages
     */
    public RecordDecoder(Deserializer<V> deserializer, Class<V> type) {
        this.deserializer = deserializer;
        this.typeName = type.getSimpleName();
    }

    /**
     * Decodes a value.
     *
     * @param topic the topic it was read from
     * @param value the raw value, possibly null
     * @return the record
     * @throws InvalidRecordException when the value is missing or not a record of the type
     */
    public V decode(String topic, byte[] value) throws InvalidRecordException {
        if (value == null || value.length == 0) {
            throw new InvalidRecordException(Rejection.UNDECODABLE_RECORD, "the record has no value (tombstone)");
        }
        try {
            return deserializer.deserialize(topic, value);
        } catch (SerializationException e) {
            throw new InvalidRecordException(Rejection.UNDECODABLE_RECORD,
                    "value is not a " + typeName + " record: " + e.getMessage(), e);
        }
    }
}
