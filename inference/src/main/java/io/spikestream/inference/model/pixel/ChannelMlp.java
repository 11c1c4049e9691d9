package io.spikestream.inference.model.pixel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import io.spikestream.inference.model.nn.BatchNormFolding;
import io.spikestream.inference.model.nn.BatchNormLayer;
import io.spikestream.inference.model.nn.Conv1dLayer;
import io.spikestream.inference.model.nn.NiLif;
import io.spikestream.inference.model.nn.SpikeBlock;
import io.spikestream.inference.model.nn.SpikeContext;
import io.spikestream.inference.model.nn.UnaryBlock;

/**
 * The channel MLP of an SDTE block, official {@code MS_MLP} ({@code mmcv_spike/transformer.py}):
 *
 * <pre>
 *   h = BN1d(fc1(SN(x)))       fc1: conv1d k=1, C -> F, bias
 *   y = BN1d(fc2(SN(h)))       fc2: conv1d k=1, F -> C, bias
 * </pre>
 *
 * <p>The input {@code (B, H, W, C)} is permuted to {@code (B, C, H*W)} correctly, but the output
 * {@code (B, C, H*W)} is <b>reshaped</b>, not permuted, to {@code (B, H, W, C)}: a quirk of the official
 * code that the trained weights depend on, reproduced here with the same row-major reshape.
 */
public final class ChannelMlp extends SpikeBlock implements UnaryBlock, BatchNormFolding.FoldsBatchNorm {

    private final NiLif fc1Spike;
    private final Conv1dLayer fc1Conv;
    private final BatchNormLayer fc1Bn;
    private final NiLif fc2Spike;
    private final Conv1dLayer fc2Conv;
    private final BatchNormLayer fc2Bn;

    /**
     * Creates the MLP.
     *
     * @param dim channels C
     * @param hidden hidden width F (official: 1024)
     * @param levels D of the neurons
     */
    public ChannelMlp(int dim, int hidden, int levels) {
        fc1Spike = addChildBlock("fc1_spike", new NiLif(levels));
        fc1Conv = addChildBlock("fc1_conv", new Conv1dLayer(dim, hidden, true, true));
        fc1Bn = addChildBlock("fc1_bn", new BatchNormLayer(hidden));
        fc2Spike = addChildBlock("fc2_spike", new NiLif(levels));
        fc2Conv = addChildBlock("fc2_conv", new Conv1dLayer(hidden, dim, true, true));
        fc2Bn = addChildBlock("fc2_bn", new BatchNormLayer(dim));
    }

    /**
     * Applies the MLP.
     *
     * @param ctx the pass context
     * @param x tokens {@code (B, H, W, C)}
     * @return {@code (B, H, W, C)}, the {@code (B, C, H*W)} result reshaped without transpose
     */
    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        Shape s = x.getShape();
        NDArray h = x.transpose(0, 3, 1, 2).reshape(s.get(0), s.get(3), s.get(1) * s.get(2));
        h = fc1Bn.forward(ctx, fc1Conv.forward(ctx, fc1Spike.fire(ctx, h)));
        h = fc2Bn.forward(ctx, fc2Conv.forward(ctx, fc2Spike.fire(ctx, h)));
        return h.reshape(s);
    }

    @Override
    public int foldBatchNorms() {
        return fc1Bn.foldInto(fc1Conv) + fc2Bn.foldInto(fc2Conv);
    }
}
