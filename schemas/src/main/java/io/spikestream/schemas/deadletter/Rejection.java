package io.spikestream.schemas.deadletter;

/** Why a record went to a dead-letter topic, for metrics. */
public enum Rejection {
    /** The value is not a record of the topic's type in the expected wire format (bad Avro, magic bytes or schema). */
    UNDECODABLE_RECORD,
    /** A field is invalid: empty camera id, key differing from the camera id, bad size or sequence. */
    INVALID_FIELD,
    /** The image bytes (a frame's image, a result's mask) are not a decodable image of the declared kind. */
    UNDECODABLE_IMAGE,
    /** The image's size differs from the record's width and height. */
    SIZE_MISMATCH,
    /** The ground-truth mask is not an 8-bit greyscale PNG of the frame's size. */
    INVALID_GROUND_TRUTH,
    /** Kafka could not deserialise the record's key or value (deserialization exception handler). */
    DESERIALIZATION,
    /** The output could not be produced (production exception handler). */
    PRODUCTION
}
