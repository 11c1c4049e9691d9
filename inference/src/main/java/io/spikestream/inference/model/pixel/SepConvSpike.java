package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * The energy-efficient separable convolution (ESC) of the pixel decoder, official {@code SepConv_Spike}
 * ({@code mmcv_spike/SNN_core.py}) on channels-last tokens:
 *
 * <pre>
 *   y = BN(pw2(SN(BN(dw_k(SN(BN(pw1(SN(x)))))))))     pw1: C -> rC, dw_k: depthwise k x k, pw2: rC -> C
 * </pre>
 *
 * <p>No conv has a bias. Input and output are {@code (B, H, W, C)}; the convolutions run on the
 * permuted {@code (B, C, H, W)} tensor. Children: {@code spike1, pwconv1, spike2, dwconv, spike3, pwconv2}.
 */
public final class SepConvSpike extends SpikeBlock implements UnaryBlock {

    private final NiLif spike1;
    private final Sequence pwconv1;
    private final NiLif spike2;
    private final Sequence dwconv;
    private final NiLif spike3;
    private final Sequence pwconv2;

    /**
     * Creates the block.
     *
     * @param dim channels C
     * @param expansion r, the hidden width factor (official: 2)
     * @param kernel depthwise kernel k (odd; padding {@code (k - 1) / 2})
     * @param levels D of the neurons
     */
    public SepConvSpike(int dim, int expansion, int kernel, int levels) {
        if (kernel % 2 == 0) {
            throw new IllegalArgumentException("SepConv kernel must be odd to keep the size, got " + kernel);
        }
        int med = dim * expansion;
        spike1 = addChildBlock("spike1", new NiLif(levels));
        pwconv1 = addChildBlock("pwconv1", convBn(Conv2dLayer.builder(dim, med, 1), med));
        spike2 = addChildBlock("spike2", new NiLif(levels));
        dwconv = addChildBlock("dwconv",
                convBn(Conv2dLayer.builder(med, med, kernel).optPadding((kernel - 1) / 2).optGroups(med), med));
        spike3 = addChildBlock("spike3", new NiLif(levels));
        pwconv2 = addChildBlock("pwconv2", convBn(Conv2dLayer.builder(med, dim, 1), dim));
    }

    /** {@code nn.Sequential(conv without bias, BatchNorm2d)}. */
    static Sequence convBn(Conv2dLayer.Builder conv, int channels) {
        return new Sequence(conv.optBias(false).build(), new BatchNormLayer(channels));
    }

    /**
     * Applies the ESC.
     *
     * @param ctx the pass context
     * @param x tokens {@code (B, H, W, C)}, real-valued
     * @return {@code (B, H, W, C)}, real-valued
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray y = pwconv1.forward(ctx, spike1.fire(ctx, x.transpose(0, 3, 1, 2)));
        y = dwconv.forward(ctx, spike2.fire(ctx, y));
        y = pwconv2.forward(ctx, spike3.fire(ctx, y));
        return y.transpose(0, 2, 3, 1);
    }
}
