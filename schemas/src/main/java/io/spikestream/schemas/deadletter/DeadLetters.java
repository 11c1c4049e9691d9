package io.spikestream.schemas.deadletter;

import io.spikestream.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/**
 * Builds {@link DeadLetter} records whose reason names the problem, the camera and the source position, e.g.
 * {@code Frame at spikestream.frames-0@42 (camera 'gate-3') rejected: size 0x0 is not between ...}.
 */
public final class DeadLetters {

    private DeadLetters() {}

    /**
     * Builds a dead letter.
     *
     * @param subject what the record is, first word of the reason ({@code Frame}, {@code Result})
     * @param origin where the record was read
     * @param cameraId the camera (record key), or null
     * @param problem what was wrong
     * @param errorClass class of the exception that rejected the record
     * @param payload the original value, or null
     * @return the record
     */
    public static DeadLetter of(String subject, Origin origin, String cameraId, String problem, String errorClass,
            byte[] payload) {
        String camera = cameraId == null ? "unknown camera" : "camera '" + cameraId + "'";
        return DeadLetter.newBuilder()
                .setSourceTopic(origin.topic())
                .setPartition(origin.partition())
                .setOffset(origin.offset())
                .setCameraId(cameraId)
                .setReason(subject + " at " + origin + " (" + camera + ") rejected: " + problem)
                .setErrorClass(errorClass)
                .setTime(Instant.now())
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .build();
    }

    /**
     * Builds the dead letter of a record a processor rejected.
     *
     * @param subject what the record is ({@code Frame}, {@code Result})
     * @param origin where the record was read
     * @param cameraId the camera (record key), or null
     * @param rejected why
     * @param payload the original value, or null
     * @return the record
     */
    public static DeadLetter of(String subject, Origin origin, String cameraId, InvalidRecordException rejected,
            byte[] payload) {
        return of(subject, origin, cameraId, rejected.getMessage(), rejected.errorClass(), payload);
    }
}
