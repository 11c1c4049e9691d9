package io.spikestream.vision;

/** A frame could not be segmented because of the segmenter (model failure, shut down), not the frame. */
public class SegmenterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, naming the camera and sequence
     * @param cause the underlying failure, or null
     */
    public SegmenterException(String message, Throwable cause) {
        super(message, cause);
    }
}
