package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.XavierInitializer;

/** {@code nn.Linear} with PyTorch's layout: {@code weight (out, in)}, optional {@code bias (out)}. */
public final class LinearLayer extends SynapticLayer<LinearLayer> {

    private final int in;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input features
     * @param out output features
     * @param bias whether it has a bias
     * @param spikingInput whether its input is a spike tensor (for energy accounting)
     */
    public LinearLayer(int in, int out, boolean bias, boolean spikingInput) {
        super(spikingInput, "linear");
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Linear features must be positive: " + in + "->" + out);
        }
        this.in = in;
        this.weight = addParam("weight", Parameter.Type.WEIGHT, new XavierInitializer(), new Shape(out, in));
        this.bias = bias ? addParam("bias", Parameter.Type.BIAS, null, new Shape(out)) : null;
    }

    /**
     * Applies the layer to the last axis.
     *
     * @param ctx the pass context
     * @param x input {@code (..., in)}
     * @return output {@code (..., out)}
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray y = Linear.linear(x, ctx.value(weight), bias == null ? null : ctx.value(bias)).singletonOrThrow();
        account(ctx, y.size() * in, x);
        return y;
    }
}
