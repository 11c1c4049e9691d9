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
 * {@code MS_ConvBlock}, a convolutional MetaFormer block with membrane shortcuts:
 *
 * <pre>
 *   x' = x + SepConv(x)
 *   y  = x' + BN2(conv2(SN2(BN1(conv1(SN1(x'))))))      conv1: C -> rC, conv2: rC -> C, 3x3, no bias
 * </pre>
 *
 * <p>Children: {@code Conv} (the {@link SepConv}), {@code spike1, conv1, bn1, spike2, conv2, bn2}.
 * Input and output {@code (B, C, H, W)}, real-valued.
 */
public final class MsConvBlock extends SpikeBlock implements UnaryBlock, BatchNormFolding.FoldsBatchNorm {

    /** Pixels of the input that one output pixel of {@link #separable} depends on, each side (7x7 depthwise). */
    public static final int SEPARABLE_RADIUS = 3;
    /** Pixels of the input that one output pixel of {@link #convPair} depends on, each side (two 3x3). */
    public static final int CONV_PAIR_RADIUS = 2;

    private final SepConv conv;
    private final NiLif spike1;
    private final Conv2dLayer conv1;
    private final BatchNormLayer bn1;
    private final NiLif spike2;
    private final Conv2dLayer conv2;
    private final BatchNormLayer bn2;

    /**
     * Creates the block.
     *
     * @param dim channels C
     * @param mlpRatio expansion r of the 3x3 pair
     * @param levels D of the neurons
     */
    public MsConvBlock(int dim, int mlpRatio, int levels) {
        int hidden = dim * mlpRatio;
        conv = addChildBlock("Conv", new SepConv(dim, levels));
        spike1 = addChildBlock("spike1", new NiLif(levels));
        conv1 = addChildBlock("conv1", Conv2dLayer.builder(dim, hidden, 3).optPadding(1).optBias(false).build());
        bn1 = addChildBlock("bn1", new BatchNormLayer(hidden));
        spike2 = addChildBlock("spike2", new NiLif(levels));
        conv2 = addChildBlock("conv2", Conv2dLayer.builder(hidden, dim, 3).optPadding(1).optBias(false).build());
        bn2 = addChildBlock("bn2", new BatchNormLayer(dim));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        return convPair(ctx, separable(ctx, x));
    }

    /**
     * The first half, {@code x' = x + SepConv(x)}: local, radius {@value #SEPARABLE_RADIUS} pixels.
     *
     * @param ctx the pass context
     * @param x the block input {@code (B, C, H, W)}
     * @return {@code x'}, same shape
     */
    public NDArray separable(SpikeContext ctx, NDArray x) {
        return conv.forward(ctx, x).add(x);
    }

    /**
     * The second half, {@code y = x' + BN2(conv2(SN2(BN1(conv1(SN1(x'))))))}: local, radius
     * {@value #CONV_PAIR_RADIUS} pixels.
     *
     * @param ctx the pass context
     * @param feat {@code x'} from {@link #separable}
     * @return the block output, same shape
     */
    public NDArray convPair(SpikeContext ctx, NDArray feat) {
        NDArray h = bn1.forward(ctx, conv1.forward(ctx, spike1.fire(ctx, feat)));
        return feat.add(bn2.forward(ctx, conv2.forward(ctx, spike2.fire(ctx, h))));
    }

    @Override
    public int foldBatchNorms() {
        return bn1.foldInto(conv1) + bn2.foldInto(conv2);
    }
}
