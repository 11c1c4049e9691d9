package io.spikestream.inference.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.initializer.XavierInitializer;

/**
 * A 2-D convolution with PyTorch's parameter layout ({@code weight} of shape
 * {@code (out, in / groups, k, k)}, optional {@code bias}), square kernel, symmetric padding.
 */
public final class Conv2dLayer extends SynapticLayer<Conv2dLayer> implements AffineFoldable {

    private final int in;
    private final int out;
    private final int kernel;
    private final int stride;
    private final int padding;
    private final int groups;
    private final Parameter weight;
    private final Parameter bias;

    private Conv2dLayer(Builder b) {
        super(b.spikingInput, "conv");
        this.in = b.in;
        this.out = b.out;
        this.kernel = b.kernel;
        this.stride = b.stride;
        this.padding = b.padding;
        this.groups = b.groups;
        this.weight = addParam("weight", Parameter.Type.WEIGHT, new XavierInitializer(),
                new Shape(out, in / groups, kernel, kernel));
        this.bias = b.bias ? addParam("bias", Parameter.Type.BIAS, null, new Shape(out)) : null;
    }

    /**
     * Starts a convolution from {@code in} to {@code out} channels.
     *
     * @param in input channels
     * @param out output channels
     * @param kernel square kernel size
     * @return a builder (stride 1, padding 0, groups 1, with bias, spiking input)
     */
    public static Builder builder(int in, int out, int kernel) {
        return new Builder(in, out, kernel);
    }

    /** Output channels. */
    public int outChannels() {
        return out;
    }

    /**
     * Convolves.
     *
     * @param ctx the pass context
     * @param x input {@code (B, in, H, W)}
     * @return output {@code (B, out, H', W')}
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
        NDArray y = Conv2d.conv2d(x, w, b, new Shape(stride, stride), new Shape(padding, padding),
                new Shape(1, 1), groups).singletonOrThrow();
        if (ctx.isAccounting()) {
            Shape s = y.getShape();
            account(ctx, s.get(0) * s.get(1) * s.get(2) * s.get(3) * (long) (in / groups) * kernel * kernel, x);
        }
        return y;
    }

    /** Builder of a {@link Conv2dLayer}; validates in {@link #build()}. */
    public static final class Builder {
        private final int in;
        private final int out;
        private final int kernel;
        private int stride = 1;
        private int padding;
        private int groups = 1;
        private boolean bias = true;
        private boolean spikingInput = true;

        private Builder(int in, int out, int kernel) {
            this.in = in;
            this.out = out;
            this.kernel = kernel;
        }

        public Builder optStride(int v) { stride = v; return this; }
        public Builder optPadding(int v) { padding = v; return this; }
        public Builder optGroups(int v) { groups = v; return this; }
        public Builder optBias(boolean v) { bias = v; return this; }

        /** Marks the input as real-valued: the convolution then counts as MAC, not AC, in energy. */
        public Builder optRealInput() { spikingInput = false; return this; }

        public Conv2dLayer build() {
            if (in <= 0 || out <= 0 || kernel <= 0 || stride <= 0 || padding < 0 || groups <= 0) {
                throw new IllegalArgumentException(String.format(
                        "Bad convolution: in=%d out=%d kernel=%d stride=%d padding=%d groups=%d",
                        in, out, kernel, stride, padding, groups));
            }
            if (in % groups != 0 || out % groups != 0) {
                throw new IllegalArgumentException(
                        "Convolution channels " + in + "->" + out + " must be divisible by groups=" + groups);
            }
            return new Conv2dLayer(this);
        }
    }
}
