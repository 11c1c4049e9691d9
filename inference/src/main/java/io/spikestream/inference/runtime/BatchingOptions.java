package io.spikestream.inference.runtime;

import io.spikestream.inference.model.delta.DeltaSettings;
import io.spikestream.inference.model.keyframe.KeyFrameSettings;
import java.util.Objects;

/**
 * How a {@link BatchingSegmenter} batches frames and what it keeps per camera.
 *
 * @param maxBatchSize most frames per forward pass (different cameras)
 * @param maxDelayMillis longest a frame waits for others to join its batch
 * @param stateMode {@link StateMode#RESET} (a full pass per frame), {@link StateMode#DELTA} (change-driven,
 *     one cache per camera) or {@link StateMode#KEYFRAME} (key frames' context reused, one cache per camera)
 * @param delta threshold, tile and dense bound of the change-driven passes (used in {@link StateMode#DELTA})
 * @param keyFrames when a frame is a key frame (used in {@link StateMode#KEYFRAME})
 * @param resetInterval in delta mode, a key frame after this many frames of a camera; 0 = never
 * @param maxCameras cameras whose state is held; the least recently used is evicted beyond
 * @param accountingInterval measure firing rate and energy on the batch holding every n-th frame; 0 = off
 * @param workers inference threads sharing the model, each running whole passes on one core (in delta mode a
 *     camera's frames still go through one pass at a time, in order)
 */
public record BatchingOptions(int maxBatchSize, long maxDelayMillis, StateMode stateMode, DeltaSettings delta,
        KeyFrameSettings keyFrames, long resetInterval, int maxCameras, long accountingInterval, int workers) {

    /** Checks the ranges. */
    public BatchingOptions {
        Objects.requireNonNull(stateMode, "stateMode");
        Objects.requireNonNull(delta, "delta");
        Objects.requireNonNull(keyFrames, "keyFrames");
        require(maxBatchSize >= 1, "maxBatchSize must be at least 1, got " + maxBatchSize);
        require(maxDelayMillis >= 0, "maxDelayMillis must not be negative, got " + maxDelayMillis);
        require(resetInterval >= 0, "resetInterval must be 0 (never) or positive, got " + resetInterval);
        require(maxCameras >= 1, "maxCameras must be at least 1, got " + maxCameras);
        require(accountingInterval >= 0, "accountingInterval must be 0 (off) or positive, got " + accountingInterval);
        require(workers >= 1, "workers must be at least 1, got " + workers);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
