package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * {@code BNAndPadLayer}: batch norm, then a border of {@code p} pixels filled per channel with
 *
 * <pre>
 *   pad_c = bias_c - running_mean_c * weight_c / sqrt(running_var_c + eps)
 * </pre>
 *
 * <p>that is BN(0) under the running statistics, detached from the graph. In training the interior is
 * normalised with batch statistics while the border still uses the running statistics, read after this
 * pass updated them (as the official code, which pads after calling the BN). In inference BN is the
 * affine map with shift {@code pad_c}, so zero-padding first and normalising after is the same function
 * with one op less; that is what inference does.
 *
 * <p>Child: {@code bn}. Input {@code (B, C, H, W)}, output {@code (B, C, H + 2p, W + 2p)}.
 */
public final class BnAndPad extends SpikeBlock implements UnaryBlock {

    private final BatchNormLayer bn;
    private final int padPixels;
    private final Shape padding;

    /**
     * Creates the layer.
     *
     * @param padPixels border width p (at least 1)
     * @param channels C
     */
    public BnAndPad(int padPixels, int channels) {
        if (padPixels < 1) {
            throw new IllegalArgumentException("BNAndPad needs a border of at least 1 pixel, got " + padPixels);
        }
        this.padPixels = padPixels;
        this.padding = new Shape(padPixels, padPixels, padPixels, padPixels);
        this.bn = addChildBlock("bn", new BatchNormLayer(channels));
    }

    /** Border width p. */
    public int padPixels() {
        return padPixels;
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        if (!ctx.isTraining()) {
            return bn.forward(ctx, x.pad(padding, 0));
        }
        NDArray y = bn.forward(ctx, x);
        NDArray border = bn.inferenceAffine(ctx)[1].stopGradient().reshape(1, -1, 1, 1);
        return y.sub(border).pad(padding, 0).add(border);
    }
}
