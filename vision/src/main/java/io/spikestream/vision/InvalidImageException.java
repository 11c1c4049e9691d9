package io.spikestream.vision;

/** An image payload (mask, ground truth or frame) that cannot be decoded or has the wrong format. */
public final class InvalidImageException extends RuntimeException {

    /** An exception with a message naming what was wrong. */
    public InvalidImageException(String message) {
        super(message);
    }

    /** An exception with a message naming what was wrong and its cause. */
    public InvalidImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
