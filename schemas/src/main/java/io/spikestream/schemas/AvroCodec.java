package io.spikestream.schemas;

import org.apache.kafka.common.errors.SerializationException;

import java.io.EOFException;

/** Turns records of one type into Kafka value bytes and back, in one wire format. */
interface AvroCodec<V> {

    /** Encodes {@code value} for {@code topic}; never called with null. */
    byte[] encode(String topic, V value);

    /**
     * Decodes a payload read from {@code topic}; never called with null.
     *
     * @throws SerializationException naming the topic and what was wrong with the bytes
     */
    V decode(String topic, byte[] payload);

    /** Builds the exception for a bad payload read from {@code topic}. */
    static SerializationException decodeError(String topic, String problem, Throwable cause) {
        return new SerializationException(
                "Cannot decode value from topic " + topic + ": " + problem, cause);
    }

    /**
     * Builds the exception for an Avro body that failed to decode: a body that ends early is
     * reported as truncated, anything else (bad union or enum index, negative length) as corrupt.
     */
    static SerializationException bodyError(String topic, Exception e, byte[] payload) {
        boolean truncated = e instanceof EOFException || e.getCause() instanceof EOFException;
        String problem =
                truncated
                        ? "truncated payload: the Avro body ends early, "
                                + WireHeaders.hexPrefix(payload)
                        : "corrupt Avro body (" + e + "), " + WireHeaders.hexPrefix(payload);
        return decodeError(topic, problem, e);
    }
}
