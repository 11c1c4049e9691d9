package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;

/** A block whose output can absorb a following per-channel affine map {@code y -> scale * y + shift}. */
public interface AffineFoldable {

    /**
     * Folds the map into this block's weights, so that the block alone computes what it and the map computed.
     *
     * @param scale {@code (C)}, per output channel
     * @param shift {@code (C)}, per output channel
     * @return false when this block cannot absorb it (nothing changed)
     */
    boolean foldAffine(NDArray scale, NDArray shift);
}
