package io.spikestream.ingest.publish;

/**
 * Frames could not be delivered to Kafka: a send failed after the producer's own retries (broker unreachable
 * for longer than {@code delivery.timeout.ms}, record too large for the broker, authorisation, ...). The
 * cause is the first failure.
 */
public final class PublishException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public PublishException(String message, Throwable cause) {
        super(message, cause);
    }
}
