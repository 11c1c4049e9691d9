package io.spikestream.inference.model.backbone;

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
 * The backbone's {@code MS_MLP}, a token-wise channel MLP over the {@code N = H * W} tokens:
 *
 * <pre>
 *   y = BN2(fc2(SN2(BN1(fc1(SN1(x))))))          fc1: C -> hidden, fc2: hidden -> C, k=1 conv1d with bias
 * </pre>
 *
 * <p>Unlike the pixel decoder's MS_MLP, the backbone's reshapes are transpose-free and correct: the
 * map is flattened to {@code (B, C, N)} and the {@code (B, C, N)} result reshaped back.
 *
 * <p>Children: {@code fc1_conv, fc1_bn, fc1_spike, fc2_conv, fc2_bn, fc2_spike} (official order; the
 * spikes are applied before their convolutions). Input and output {@code (B, C, H, W)}.
 */
public final class MsMlp extends SpikeBlock implements UnaryBlock, BatchNormFolding.FoldsBatchNorm {

    private final Conv1dLayer fc1Conv;
    private final BatchNormLayer fc1Bn;
    private final NiLif fc1Spike;
    private final Conv1dLayer fc2Conv;
    private final BatchNormLayer fc2Bn;
    private final NiLif fc2Spike;

    /**
     * Creates the MLP.
     *
     * @param dim channels C
     * @param hidden hidden channels
     * @param levels D of the neurons
     */
    public MsMlp(int dim, int hidden, int levels) {
        fc1Conv = addChildBlock("fc1_conv", new Conv1dLayer(dim, hidden, true, true));
        fc1Bn = addChildBlock("fc1_bn", new BatchNormLayer(hidden));
        fc1Spike = addChildBlock("fc1_spike", new NiLif(levels));
        fc2Conv = addChildBlock("fc2_conv", new Conv1dLayer(hidden, dim, true, true));
        fc2Bn = addChildBlock("fc2_bn", new BatchNormLayer(dim));
        fc2Spike = addChildBlock("fc2_spike", new NiLif(levels));
    }

    @Override
    public NDArray forward(SpikeContext ctx, NDArray x) {
        Shape s = x.getShape();
        NDArray tokens = x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3));
        NDArray h = fc1Bn.forward(ctx, fc1Conv.forward(ctx, fc1Spike.fire(ctx, tokens)));
        NDArray y = fc2Bn.forward(ctx, fc2Conv.forward(ctx, fc2Spike.fire(ctx, h)));
        return y.reshape(s);
    }

    @Override
    public int foldBatchNorms() {
        return fc1Bn.foldInto(fc1Conv) + fc2Bn.foldInto(fc2Conv);
    }
}
