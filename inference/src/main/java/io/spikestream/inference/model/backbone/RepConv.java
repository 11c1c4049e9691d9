package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.AffineFoldable;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * {@code RepConv}, a re-parameterisable 3x3 convolution without biases:
 *
 * <pre>
 *   body = Sequential(conv1x1 (in -> in), BNAndPad(1), Sequential(dw3x3 pad 0, conv1x1 (in -> out), BN))
 * </pre>
 *
 * <p>Only the first 1x1 sees spikes; the depthwise and the second 1x1 convolve real BN/conv outputs.
 * Input {@code (B, in, H, W)}, output {@code (B, out, H, W)} (the BN border keeps the size).
 */
public final class RepConv extends SpikeBlock implements UnaryBlock, AffineFoldable {

    private final Sequence body;

    /**
     * Creates the block.
     *
     * @param in input channels
     * @param out output channels
     */
    public RepConv(int in, int out) {
        Sequence conv3x3 = new Sequence(
                Conv2dLayer.builder(in, in, 3).optGroups(in).optBias(false).optRealInput().build(),
                Conv2dLayer.builder(in, out, 1).optBias(false).optRealInput().build(),
                new BatchNormLayer(out));
        body = addChildBlock("body", new Sequence(
                Conv2dLayer.builder(in, in, 1).optBias(false).build(), new BnAndPad(1, in), conv3x3));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        return body.forward(ctx, x);
    }

    @Override
    public boolean foldAffine(NDArray scale, NDArray shift) {
        return body.foldAffine(scale, shift);
    }
}
