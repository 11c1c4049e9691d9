package io.spikestream.inference.stream;

import io.spikestream.schemas.avro.DeadLetter;
import java.nio.ByteBuffer;
import java.time.Instant;

/** Builds {@link DeadLetter} records whose reason names the problem, the camera and the source position. */
final class DeadLetters {

    private DeadLetters() {}

    /**
     * Builds a dead letter.
     *
     * @param origin where the record was read
     * @param cameraId the camera (record key), or null
     * @param problem what was wrong
     * @param errorClass class of the exception that rejected the record
     * @param payload the original value, or null
     * @return the record
     */
    static DeadLetter of(Origin origin, String cameraId, String problem, String errorClass, byte[] payload) {
        String camera = cameraId == null ? "unknown camera" : "camera '" + cameraId + "'";
        return DeadLetter.newBuilder()
                .setSourceTopic(origin.topic())
                .setPartition(origin.partition())
                .setOffset(origin.offset())
                .setCameraId(cameraId)
                .setReason("Frame at " + origin + " (" + camera + ") rejected: " + problem)
                .setErrorClass(errorClass)
                .setTime(Instant.now())
                .setPayload(payload == null ? null : ByteBuffer.wrap(payload))
                .build();
    }
}
