package io.spikestream.inference.runtime;

/**
 * How a {@link BatchingSegmenter} batches frames and keeps membrane state.
 *
 * @param maxBatchSize most frames per forward pass (different cameras)
 * @param maxDelayMillis longest a frame waits for others to join its batch
 * @param carryState continue each camera's membrane state across consecutive frames; false resets
 *     every frame (the paper's setting)
 * @param resetInterval start a camera fresh after this many carried frames (key frames); 0 = never
 * @param maxCameras cameras whose state is held; the least recently used is evicted beyond
 * @param accountingInterval measure firing rate and energy on the batch holding every n-th frame; 0 = off
 */
public record BatchingOptions(int maxBatchSize, long maxDelayMillis, boolean carryState, long resetInterval,
        int maxCameras, long accountingInterval) {

    /** Checks the ranges. */
    public BatchingOptions {
        require(maxBatchSize >= 1, "maxBatchSize must be at least 1, got " + maxBatchSize);
        require(maxDelayMillis >= 0, "maxDelayMillis must not be negative, got " + maxDelayMillis);
        require(resetInterval >= 0, "resetInterval must be 0 (never) or positive, got " + resetInterval);
        require(maxCameras >= 1, "maxCameras must be at least 1, got " + maxCameras);
        require(accountingInterval >= 0, "accountingInterval must be 0 (off) or positive, got " + accountingInterval);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
