package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;

/** A block with one input and one output, so it can be chained in a {@link Sequence}. */
public interface UnaryBlock {

    /**
     * Applies the block.
     *
     * @param ctx the pass context
     * @param x the input
     * @return the output
     */
    NDArray forward(SpikeContext ctx, NDArray x);
}
