package io.spikestream.inference.runtime;

/**
 * Why a camera's frame was a key frame: a full pass from fresh state instead of continuing the state its
 * camera's previous frame left (the {@code DeltaCache} in {@code state.mode=delta}). A sequence gap is no
 * reason: the frame continues the cache, which compares it with the cache's own reference input.
 */
public enum ResetReason {
    /** First frame of a camera this segmenter has not seen (or has forgotten after a failure). */
    NEW_CAMERA,
    /** The camera's state had been evicted to stay within {@code state.max.cameras}. */
    EVICTED,
    /** The sequence repeated or went back ({@code sequence <= last}): a replay or a restarted camera. */
    SEQUENCE_REPLAY,
    /** A periodic key frame ({@code state.reset.interval}) that refreshes every cached value. */
    KEY_FRAME,
    /** Per-frame mode ({@code state.mode=reset}): every frame is a full pass from fresh state, as in the paper. */
    PER_FRAME
}
