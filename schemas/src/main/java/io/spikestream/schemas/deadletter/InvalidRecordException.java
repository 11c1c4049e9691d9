package io.spikestream.schemas.deadletter;

/** A record that cannot be processed because of its own content; it goes to a dead-letter topic. */
public final class InvalidRecordException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    /**
     * Creates the exception.
     *
     * @param rejection the kind, for metrics
     * @param message what is wrong, for the dead letter's reason
     */
    public InvalidRecordException(Rejection rejection, String message) {
        this(rejection, message, null);
    }

    /**
     * Creates the exception.
     *
     * @param rejection the kind, for metrics
     * @param message what is wrong, for the dead letter's reason
     * @param cause the exception that detected it, or null
     */
    public InvalidRecordException(Rejection rejection, String message, Throwable cause) {
        super(message, cause);
        this.rejection = rejection;
    }

    /** The kind, for metrics. */
    public Rejection rejection() {
        return rejection;
    }

    /** The class that detected the problem: the cause's when there is one. */
    public String errorClass() {
        return getCause() != null ? getCause().getClass().getName() : getClass().getName();
    }
}
