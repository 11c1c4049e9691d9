package io.spikestream.inference.model.head;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;
import java.util.function.UnaryOperator;

/**
 * A parameter-free module of the official tree ({@code nn.Identity}, {@code nn.Sigmoid}). It holds no
 * parameters, so it adds no {@code state_dict} key; it exists so the child tree lists the same modules, in
 * the same order, as the official {@code __init__}.
 */
public final class ParameterFree extends SpikeBlock implements UnaryBlock {

    private final UnaryOperator<NDArray> op;

    private ParameterFree(UnaryOperator<NDArray> op) {
        this.op = op;
    }

    /** {@code nn.Identity}. */
    public static ParameterFree identity() {
        return new ParameterFree(x -> x);
    }

    /** {@code nn.Sigmoid}. */
    public static ParameterFree sigmoid() {
        return new ParameterFree(Activation::sigmoid);
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        return op.apply(x);
    }
}
