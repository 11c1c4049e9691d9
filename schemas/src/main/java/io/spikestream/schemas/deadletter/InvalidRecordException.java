package io.spikestream.inference.stream;

/** A frame record that cannot be segmented because of its own content; it goes to the dead-letter topic. */
final class InvalidFrameException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Rejection rejection;

    InvalidFrameException(Rejection rejection, String message) {
        this(rejection, message, null);
    }

    InvalidFrameException(Rejection rejection, String message, Throwable cause) {
        super(message, cause);
        this.rejection = rejection;
    }

    Rejection rejection() {
        return rejection;
    }

    /** The class that detected the problem: the cause's when there is one. */
    String errorClass() {
        return getCause() != null ? getCause().getClass().getName() : getClass().getName();
    }
}
