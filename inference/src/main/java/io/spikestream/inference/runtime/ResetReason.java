package io.spikestream.inference.runtime;

/** Why a camera's frame started from a fresh (zero) membrane state instead of the carried one. */
public enum ResetReason {
    /** First frame of a camera this segmenter has not seen (or has forgotten after a failure). */
    NEW_CAMERA,
    /** The camera's state had been evicted to stay within {@code state.max.cameras}. */
    EVICTED,
    /** The sequence skipped frames ({@code sequence > last + 1}): dropped or filtered frames. */
    SEQUENCE_GAP,
    /** The sequence repeated or went back ({@code sequence <= last}): a replay or a restarted camera. */
    SEQUENCE_REPLAY,
    /** A periodic key frame ({@code state.reset.interval}) to bound the drift of the no-leak neurons. */
    KEY_FRAME,
    /** State carrying is off ({@code state.carry=false}): every frame is fresh, as in the paper. */
    CARRY_DISABLED
}
