package io.spikestream.schemas.deadletter;

import java.nio.ByteBuffer;

/**
 * Field checks every keyed record of the pipeline shares (frames, results): a camera id, the record keyed by it,
 * a sequence that is not negative. A failed check is an {@link InvalidRecordException} of kind
 * {@link Rejection#INVALID_FIELD} whose message says what is wrong.
 */
public final class RecordChecks {

    private RecordChecks() {}

    /**
     * Checks the camera id and the key.
     *
     * @param key the record key
     * @param cameraId the camera id inside the value
     * @param noun what the record is ("frame", "result"), for the messages
     * @param keyAdvice what the producer must do, said when the key differs
     * @throws InvalidRecordException when the id is blank or the key differs from it
     */
    public static void cameraKey(String key, String cameraId, String noun, String keyAdvice)
            throws InvalidRecordException {
        if (cameraId.isBlank()) {
            throw invalid("cameraId is empty; every " + noun + " needs the id of its camera");
        }
        if (!cameraId.equals(key)) {
            throw invalid("record key " + (key == null ? "is null" : "'" + key + "'") + " differs from cameraId '"
                    + cameraId + "'; " + keyAdvice);
        }
    }

    /**
     * Checks a sequence number.
     *
     * @param sequence the sequence
     * @throws InvalidRecordException when it is negative
     */
    public static void sequence(long sequence) throws InvalidRecordException {
        if (sequence < 0) {
            throw invalid("sequence " + sequence + " is negative");
        }
    }

    /**
     * An invalid field.
     *
     * @param message what is wrong
     * @return the exception, of kind {@link Rejection#INVALID_FIELD}
     */
    public static InvalidRecordException invalid(String message) {
        return new InvalidRecordException(Rejection.INVALID_FIELD, message);
    }

    /**
     * The bytes of an Avro {@code bytes} field, without moving its buffer.
     *
     * @param buffer the field
     * @return a copy of its remaining bytes
     */
    public static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}
