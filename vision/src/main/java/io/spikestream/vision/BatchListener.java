package io.spikestream.vision;

/**
 * Told of every forward pass a {@link Segmenter} runs, for metrics. Called on the segmenter's inference thread
 * after the pass: keep it short and thread-safe.
 */
@FunctionalInterface
public interface BatchListener {

    /**
     * One forward pass finished.
     *
     * @param frames frames in the pass
     * @param forwardNanos the pass's time
     */
    void batchDone(int frames, long forwardNanos);
}
