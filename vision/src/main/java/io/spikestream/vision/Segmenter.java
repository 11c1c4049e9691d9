package io.spikestream.vision;

/**
 * Segments single frames of many cameras. Implementations are called concurrently from several stream
 * threads (one call in flight per thread); each call blocks until its frame is done. Frames of one
 * camera must be submitted in sequence order, because an implementation may keep the camera's
 * state from one frame to the next.
 */
public interface Segmenter extends AutoCloseable {

    /**
     * Segments one frame.
     *
     * @param request the camera, sequence and pixels
     * @return the trainId mask at the frame's size, class counts, state and batch facts, timings
     * @throws InterruptedException when the calling thread is interrupted while waiting
     * @throws SegmenterException when the model failed or the segmenter is closed
     */
    SegmentationOutput segment(SegmentationRequest request) throws InterruptedException;

    /** Identifies architecture and weights, e.g. {@code tiny-cityscapes@model.params}. */
    String modelId();

    /** A snapshot of the segmenter's counters. */
    SegmenterMetrics metrics();

    /**
     * Sets the listener told of each forward pass from now on, replacing the previous one. A segmenter that runs no
     * passes of its own (a test double) may ignore it, which is what this default does.
     *
     * @param listener the listener
     */
    default void setBatchListener(BatchListener listener) {}

    /** Completes or fails pending requests and frees the model. */
    @Override
    void close();
}
