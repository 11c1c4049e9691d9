package io.spikestream.inference.model.backbone;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.BatchNormFolding;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * The backbone's {@code SepConv} (inverted separable convolution, expansion 2, 7x7 depthwise, no biases):
 *
 * <pre>
 *   y = BN2(pw2(dw7x7(SN2(BN1(pw1(SN1(x)))))))
 * </pre>
 *
 * <p>There is no neuron between the depthwise and the second pointwise convolution, so
 * {@code pwconv2} has a real-valued input. Input and output {@code (B, C, H, W)}; hidden width 2C.
 */
public final class SepConv extends SpikeBlock implements UnaryBlock, BatchNormFolding.FoldsBatchNorm {

    private static final int KERNEL = 7;

    private final NiLif spike1;
    private final Conv2dLayer pwconv1;
    private final BatchNormLayer bn1;
    private final NiLif spike2;
    private final Conv2dLayer dwconv;
    private final Conv2dLayer pwconv2;
    private final BatchNormLayer bn2;

    /**
     * Creates the block.
     *
     * @param dim channels C
     * @param levels D of the neurons
     */
    public SepConv(int dim, int levels) {
        int med = 2 * dim;
        spike1 = addChildBlock("spike1", new NiLif(levels));
        pwconv1 = addChildBlock("pwconv1", Conv2dLayer.builder(dim, med, 1).optBias(false).build());
        bn1 = addChildBlock("bn1", new BatchNormLayer(med));
        spike2 = addChildBlock("spike2", new NiLif(levels));
        dwconv = addChildBlock("dwconv", Conv2dLayer.builder(med, med, KERNEL)
                .optPadding(KERNEL / 2).optGroups(med).optBias(false).build());
        pwconv2 = addChildBlock("pwconv2",
                Conv2dLayer.builder(med, dim, 1).optBias(false).optRealInput().build());
        bn2 = addChildBlock("bn2", new BatchNormLayer(dim));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray h = bn1.forward(ctx, pwconv1.forward(ctx, spike1.fire(ctx, x)));
        NDArray d = dwconv.forward(ctx, spike2.fire(ctx, h));
        return bn2.forward(ctx, pwconv2.forward(ctx, d));
    }

    @Override
    public int foldBatchNorms() {
        return bn1.foldInto(pwconv1) + bn2.foldInto(pwconv2);
    }
}
