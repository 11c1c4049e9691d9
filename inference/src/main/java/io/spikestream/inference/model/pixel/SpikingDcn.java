package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.ConstantInitializer;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv2dLayer;
import io.spikestream.inference.model.nn.Named;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.Sequence;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;
import io.spikestream.inference.model.ops.DeformableSampling;

/**
 * Spike-driven deformable attention (SDDA), the official {@code DCNv3_pytorch}
 * ({@code ops_dcnv3/modules/dcnv3.py}) in its spiking form, on channels-last tokens {@code (B, H, W, C)}:
 *
 * <pre>
 *   x      = ESC_k(q)                                   input_proj
 *   x1     = SN(BN(dw_k(SN(q))))                         dw_spike, dw_conv, offset_spike
 *   offset = BN(conv1x1(x1))            C -> 2 G K^2     offset
 *   mask   = SN(BN(conv1x1(x1)))        C -> G K^2       mask, mask_spike (no softmax)
 *   y      = ESC_k(DCN(x, offset, mask))                 output_proj, K = 3, offset scale 1
 * </pre>
 *
 * <p>Quirk: the offset and mask convolutions produce {@code (B, 2GK^2, H, W)} and {@code (B, GK^2, H, W)},
 * which the official code <b>reshapes</b> (not permutes) to {@code (B, H, W, 2GK^2)} and
 * {@code (B, H, W, GK^2)}; the same row-major reshape is used here. The sampling itself is
 * {@link DeformableSampling}. The offset convolution starts at zero, as the official
 * {@code _reset_parameters} (regular sampling grid). The mask convolution does not: the official zero start is
 * followed here by a BatchNorm and a neuron, so {@code SN(BN(0)) = 0} silences every sampling point and the
 * whole DCN branch at initialisation (and training-mode BN then scales the backward by {@code 1/sqrt(eps)});
 * it takes the default initialiser instead (docs/training.md). Loaded weights are unaffected.
 */
public final class SpikingDcn extends SpikeBlock implements UnaryBlock, Named {

    /** Sampling kernel K of the official encoder layer. */
    public static final int POINTS_KERNEL = 3;

    private final int groups;
    private final NiLif dwSpike;
    private final NiLif offsetSpike;
    private final NiLif maskSpike;
    private final Sequence dwConv;
    private final Sequence offset;
    private final Sequence mask;
    private final SepConvSpike inputProj;
    private final SepConvSpike outputProj;
    private String path = "dcn";

    /**
     * Creates the block.
     *
     * @param channels C
     * @param groups G, dividing C (official: 32)
     * @param dwKernel k of the depthwise conv and of both ESC projections (official: 5)
     * @param expansion hidden factor of the ESC projections (official: 2)
     * @param levels D of the neurons
     */
    public SpikingDcn(int channels, int groups, int dwKernel, int expansion, int levels) {
        if (channels % groups != 0) {
            throw new IllegalArgumentException("DCN channels " + channels + " must be divisible by groups " + groups);
        }
        this.groups = groups;
        int points = groups * POINTS_KERNEL * POINTS_KERNEL;
        dwSpike = addChildBlock("dw_spike", new NiLif(levels));
        offsetSpike = addChildBlock("offset_spike", new NiLif(levels));
        maskSpike = addChildBlock("mask_spike", new NiLif(levels));
        dwConv = addChildBlock("dw_conv", SepConvSpike.convBn(Conv2dLayer.builder(channels, channels, dwKernel)
                .optPadding((dwKernel - 1) / 2).optGroups(channels), channels));
        offset = addChildBlock("offset", zeroStart(channels, 2 * points));
        mask = addChildBlock("mask", new Sequence(Conv2dLayer.builder(channels, points, 1).build(),
                new BatchNormLayer(points)));
        inputProj = addChildBlock("input_proj", new SepConvSpike(channels, expansion, dwKernel, levels));
        outputProj = addChildBlock("output_proj", new SepConvSpike(channels, expansion, dwKernel, levels));
    }

    /** A 1x1 convolution starting at zero, then BatchNorm (the offset branch). */
    private static Sequence zeroStart(int in, int out) {
        Conv2dLayer conv = Conv2dLayer.builder(in, out, 1).build();
        conv.setInitializer(new ConstantInitializer(0f), Parameter.Type.WEIGHT);
        conv.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return new Sequence(conv, new BatchNormLayer(out));
    }

    @Override
    public void setPath(String path) {
        this.path = path;
    }

    /**
     * Applies the deformable attention.
     *
     * @param ctx the pass context
     * @param q tokens {@code (B, H, W, C)}, real-valued
     * @return {@code (B, H, W, C)}, real-valued
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray q) {
        NDArray x = inputProj.forward(ctx, q);
        NDArray[] offsetAndMask = offsetAndMask(ctx, q);
        NDArray y = DeformableSampling.sample(x, offsetAndMask[0], offsetAndMask[1], groups, POINTS_KERNEL, 1f);
        account(ctx, x, offsetAndMask[1]);
        return outputProj.forward(ctx, y);
    }

    /**
     * The sampling offsets and the spiked mask, each a NCHW conv output reshaped (quirk) to channels-last.
     *
     * @param ctx the pass context
     * @param q tokens {@code (B, H, W, C)}
     * @return offset {@code (B, H, W, 2GK^2)} and mask {@code (B, H, W, GK^2)}
     */
    NDArray[] offsetAndMask(SpikeContext ctx, NDArray q) {
        Shape s = q.getShape();
        NDArray x1 = dwConv.forward(ctx, dwSpike.fire(ctx, q.transpose(0, 3, 1, 2)));
        x1 = offsetSpike.fire(ctx, x1);
        NDArray off = offset.forward(ctx, x1).reshape(s.get(0), s.get(1), s.get(2), -1);
        NDArray m = maskSpike.fire(ctx, mask.forward(ctx, x1).reshape(s.get(0), s.get(1), s.get(2), -1));
        return new NDArray[] {off, m};
    }

    /** Bilinear taps are real MACs; the mask weighting multiplies by spikes. */
    private void account(SpikeContext ctx, NDArray x, NDArray mask) {
        if (ctx.isAccounting()) {
            long weighted = x.size() * POINTS_KERNEL * POINTS_KERNEL;
            ctx.account(path + ".core.bilinear", 4 * weighted, x, false);
            ctx.account(path + ".core.mask", weighted, mask, true);
        }
    }
}
