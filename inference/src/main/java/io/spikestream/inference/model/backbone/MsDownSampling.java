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
 * {@code MS_DownSampling}: {@code y = BN(conv(SN(x)))}, where the stem ({@code first_layer=True}) has no
 * neuron and convolves the real-valued image.
 *
 * <p>Children: {@code encode_conv} (with bias), {@code encode_bn}, and {@code encode_spike} unless stem.
 * Input {@code (B, in, H, W)}, output {@code (B, out, H / stride, W / stride)}.
 */
public final class MsDownSampling extends SpikeBlock implements UnaryBlock, BatchNormFolding.FoldsBatchNorm {

    private final Conv2dLayer encodeConv;
    private final BatchNormLayer encodeBn;
    private final NiLif encodeSpike;

    private MsDownSampling(Conv2dLayer conv, int out, NiLif spike) {
        this.encodeConv = addChildBlock("encode_conv", conv);
        this.encodeBn = addChildBlock("encode_bn", new BatchNormLayer(out));
        this.encodeSpike = spike == null ? null : addChildBlock("encode_spike", spike);
    }

    /**
     * The stem: 7x7 convolution, stride 2, padding 3, on the real-valued image (a MAC operation).
     *
     * @param in image channels
     * @param out output channels
     * @return the block
     */
    public static MsDownSampling stem(int in, int out) {
        Conv2dLayer conv = Conv2dLayer.builder(in, out, 7).optStride(2).optPadding(3).optRealInput().build();
        return new MsDownSampling(conv, out, null);
    }

    /**
     * A spiking 3x3 downsampling (padding 1) preceded by its neuron.
     *
     * @param in input channels
     * @param out output channels
     * @param stride 2 to halve the resolution, 1 to only widen (the official {@code downsample4})
     * @param levels D of the neuron
     * @return the block
     */
    public static MsDownSampling spiking(int in, int out, int stride, int levels) {
        Conv2dLayer conv = Conv2dLayer.builder(in, out, 3).optStride(stride).optPadding(1).build();
        return new MsDownSampling(conv, out, new NiLif(levels));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        NDArray input = encodeSpike == null ? x : encodeSpike.fire(ctx, x);
        return encodeBn.forward(ctx, encodeConv.forward(ctx, input));
    }

    @Override
    public int foldBatchNorms() {
        return encodeBn.foldInto(encodeConv);
    }
}
