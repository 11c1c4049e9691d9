package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * A block holding one learned tensor named {@code weight}, like {@code nn.Embedding} used as a plain
 * table ({@code query_feat}, {@code query_embed}, {@code level_embed}).
 */
public final class TensorParam extends SpikeBlock {

    private final Parameter weight;

    /**
     * Creates the table.
     *
     * @param initializer its initialiser
     * @param shape its shape
     */
    public TensorParam(Initializer initializer, Shape shape) {
        this.weight = addParam("weight", Parameter.Type.WEIGHT, initializer, shape);
    }

    /**
     * Returns the table on the pass's device.
     *
     * @param ctx the pass context
     * @return the tensor
     */
    public NDArray value(SpikeContext ctx) {
        return ctx.value(weight);
    }
}
