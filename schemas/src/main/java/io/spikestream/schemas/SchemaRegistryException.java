package io.spikestream.schemas;

import org.apache.kafka.common.KafkaException;

/** A schema-registry call failed: an error response, an unreadable answer or no connection. */
public class SchemaRegistryException extends KafkaException {

    private final int status;
    private final int errorCode;

    /** A failure with the HTTP status and the registry's {@code error_code} (0 when absent). */
    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    /** A failure without a response, e.g. a refused connection. */
    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = 0;
        this.errorCode = 0;
    }

    /** The HTTP status, or 0 when no response arrived. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (e.g. 40403 = schema not found), or 0 when absent. */
    public int errorCode() {
        return errorCode;
    }
}
