package io.spikestream.ingest.publish;

/**
 * The frames topic could not tell where a camera's numbering left off (brokers unreachable, no permission to
 * read the topic, or the search took longer than allowed). Nothing of the camera was published.
 */
public final class SequenceLookupException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SequenceLookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
