package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.training.initializer.XavierInitializer;

/**
 * A kernel-1 {@code nn.Conv1d} with PyTorch's layout: {@code weight (out, in, 1)}, optional
 * {@code bias (out)}. Input {@code (B, in, L)}, output {@code (B, out, L)}.
 */
public final class Conv1dLayer extends SynapticLayer<Conv1dLayer> implements AffineFoldable {

    private final int in;
    private final int out;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the layer.
     *
     * @param in input channels
     * @param out output channels
     * @param bias whether it has a bias
     * @param spikingInput whether its input is a spike tensor (for energy accounting)
     */
    public Conv1dLayer(int in, int out, boolean bias, boolean spikingInput) {
        super(spikingInput, "conv1d");
        if (in <= 0 || out <= 0) {
            throw new IllegalArgumentException("Conv1d channels must be positive: " + in + "->" + out);
        }
        this.in = in;
        this.out = out;
        this.weight = addParam("weight", Parameter.Type.WEIGHT, new XavierInitializer(), new Shape(out, in, 1));
        this.bias = bias ? addParam("bias", Parameter.Type.BIAS, null, new Shape(out)) : null;
    }

    /**
     * Applies the layer.
     *
     * @param ctx the pass context
     * @param x input {@code (B, in, L)}
     * @return output {@code (B, out, L)}
     */
    @Override
    public boolean foldAffine(NDArray scale, NDArray shift) {
        foldInto(weight, bias, scale, shift);
        return true;
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray w = ctx.value(weight);
        NDArray b = bias(ctx, bias);
        NDArray y = Conv1d.conv1d(x, w, b).singletonOrThrow();
        account(ctx, y.size() * in, x);
        return y;
    }
}
